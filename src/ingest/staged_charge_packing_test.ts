import { deepEqual as assertEquals, throws } from "node:assert/strict";
import { CHARGE_FIELD_INTERNED, CHARGE_FIELDS, type StagedCharge } from "../storage/mod.ts";
import { BatchPacker, BatchUnpacker } from "./staged_charge_packing.ts";

/** A row whose every field has a value of its kind; `i` makes the texts differ. */
function row(i: number, tags: string | null): StagedCharge {
  const r: Record<string, unknown> = {};
  CHARGE_FIELDS.forEach((f, k) => {
    r[f] = CHARGE_FIELD_INTERNED[k] ? `${f}-${i % 3}` : k % 2 ? i * 1000 + k : `v${i}-${k}`;
  });
  r.tags = tags;
  r.flags = i % 2 ? null : '["missing_pi"]';
  return r as unknown as StagedCharge;
}

Deno.test("packed batches come back as the same rows, texts sent once", () => {
  const packer = new BatchPacker();
  const unpacker = new BatchUnpacker();
  const first = [row(1, '{"pi":"a"}'), row(2, null), row(3, '{"pi":"a"}')];
  const second = [row(4, '{"pi":"b"}'), row(5, '{"pi":"a"}')];
  const json1 = packer.pack(first);
  const json2 = packer.pack(second);
  const b1 = unpacker.unpack(json1);
  const b2 = unpacker.unpack(json2);
  assertEquals(b1.rows(), first);
  assertEquals(b2.rows(), second);
  assertEquals(b1.rowCount, 3);
  assertEquals(b2.rowCount, 2);
  // the second batch sends only the texts the first did not: the new tags and the rows' 4 % 3 = 1
  // texts were already sent by row 1, so only '{"pi":"b"}' is new
  assertEquals((JSON.parse(json2) as { t: string[] }).t, ['{"pi":"b"}']);
  assertEquals(b2.generation, b1.generation);
  const tagsAt = CHARGE_FIELDS.indexOf("tags");
  assertEquals(b1.values[1 * CHARGE_FIELDS.length + tagsAt], null);
  assertEquals(b1.text(b1.values[tagsAt] as number), '{"pi":"a"}');
});

Deno.test("the text numbering starts over past its limit, on both sides", () => {
  const fields = CHARGE_FIELDS.length;
  const packer = new BatchPacker(fields * 2);
  const unpacker = new BatchUnpacker();
  const batches = [1, 2, 3, 4].map((i) => [row(i, `{"n":${i}}`), row(i + 10, `{"m":${i}}`)]);
  const generations: number[] = [];
  const resets: boolean[] = [];
  for (const rows of batches) {
    const json = packer.pack(rows);
    resets.push((JSON.parse(json) as { r?: true }).r === true);
    const batch = unpacker.unpack(json);
    generations.push(batch.generation);
    assertEquals(batch.rows(), rows);
  }
  // a limit of 2 rows' texts: the first batch fits, each later one starts the numbering over
  assertEquals(resets, [false, true, true, true]);
  assertEquals(generations, [0, 1, 2, 3]);
  throws(() => unpacker.unpack('{"t":[],"v":[1]}'), /packed rows: 1 values/);
});
