/**
 * The PI directory edited on the /pis pages through app.request(): add and
 * edit a PI (name, department, alias emails), an alias already used by
 * another PI refused with one line, each change audited with before and
 * after; only an admin is offered (and may post) the forms.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const saves = (f: WebFixture) =>
  f.db.all<{ details: string; actor: string }>(
    "SELECT details, actor FROM audit_log WHERE action = 'pi.save' ORDER BY id",
  ).map((r) => ({ ...JSON.parse(r.details), actor: r.actor }));

Deno.test("web PI directory: add and edit a PI; an alias of another PI is refused; audited", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    const post = (form: Record<string, string>) =>
      send(f, "POST", "/pis/directory", { as: admin, form });
    let page = await pageText(await send(f, "GET", "/pis", { as: admin }));
    match(page, /PI directory .* The directory is empty\. Add a PI/);

    let res = await post({
      mode: "add",
      email: "Ann@Uni.edu",
      name: "Ann Lee",
      department: "Chemistry",
      aliases: "a.lee@uni.edu; ann.lee@old.edu",
    });
    equal(res.status, 303);
    equal(res.headers.get("location"), "/pis/ann%40uni.edu?m=pi-added");
    page = await pageText(await send(f, "GET", "/pis", { as: admin }));
    match(page, /ann@uni\.edu Ann Lee Chemistry a\.lee@uni\.edu ann\.lee@old\.edu/);

    // another PI may not take Ann's alias, nor be one of her emails; Ann is not added twice
    res = await post({ mode: "add", email: "bob@uni.edu", name: "Bob", aliases: "a.lee@uni.edu" });
    equal(res.status, 400);
    match(
      await pageText(res),
      /key aliases: alias a\.lee@uni\.edu is already an email of PI ann@uni\.edu\. Remove it from ann@uni\.edu first/,
    );
    res = await post({ mode: "add", email: "a.lee@uni.edu", name: "Bob", aliases: "" });
    equal(res.status, 400);
    match(await pageText(res), /key email: a\.lee@uni\.edu is an alias of PI ann@uni\.edu\./);
    res = await post({ mode: "add", email: "ann@uni.edu", name: "Ann", aliases: "" });
    equal(res.status, 400);
    match(
      await pageText(res),
      /PI ann@uni\.edu is already in the directory\. Edit that PI instead\./,
    );
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM pis")!.n, 1);

    // edit Ann on her page: the form is filled from the directory
    const form = await (await send(f, "GET", "/pis/ann%40uni.edu", { as: admin })).text();
    match(form, /name="aliases" value="a\.lee@uni\.edu; ann\.lee@old\.edu"/);
    match(form, /name="mode" value="edit"/);
    res = await post({
      mode: "edit",
      email: "ann@uni.edu",
      name: "Ann B. Lee",
      department: "Chemistry",
      aliases: "a.lee@uni.edu",
    });
    equal(res.status, 303);
    equal(res.headers.get("location"), "/pis/ann%40uni.edu?m=pi-saved");
    page = await pageText(await send(f, "GET", "/pis/ann%40uni.edu?m=pi-saved", { as: admin }));
    match(page, /PI saved\. .*Ann B\. Lee, Chemistry · aliases: a\.lee@uni\.edu/);
    // the alias Ann gave up is free for Bob now
    res = await post({
      mode: "add",
      email: "bob@uni.edu",
      name: "Bob",
      aliases: "ann.lee@old.edu",
    });
    equal(res.status, 303);

    const entries = saves(f);
    equal(entries.length, 3);
    deepEqual(entries[0].before, null);
    deepEqual(entries[0].after, {
      email: "ann@uni.edu",
      name: "Ann Lee",
      department: "Chemistry",
      aliases: ["a.lee@uni.edu", "ann.lee@old.edu"],
    });
    deepEqual(entries[1].before.aliases, ["a.lee@uni.edu", "ann.lee@old.edu"]);
    deepEqual([entries[1].after.name, entries[1].after.aliases], ["Ann B. Lee", ["a.lee@uni.edu"]]);
    equal(entries[1].actor, "web:admin");
  } finally {
    await f.close();
  }
});

Deno.test("web PI directory: a reviewer sees the directory without forms and may not post", async () => {
  const f = await webFixture();
  try {
    const rita = sessionFor(f, "rita");
    const html = await (await send(f, "GET", "/pis", { as: rita })).text();
    match(html, /PI directory/);
    equal(html.includes('action="/pis/directory"'), false);
    const res = await send(f, "POST", "/pis/directory", {
      as: rita,
      form: { mode: "add", email: "x@uni.edu", name: "X", aliases: "" },
    });
    equal(res.status, 403);
    equal(saves(f).length, 0);
  } finally {
    await f.close();
  }
});
