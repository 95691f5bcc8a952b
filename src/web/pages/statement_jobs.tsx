/**
 * Long statement work from the web (generate, send all) runs as a job in the
 * server process: the POST starts it and answers at once, the statements page
 * shows its progress fragment, and htmx polls GET /statements/jobs/:id (every
 * second while it runs) which reads the progress the service reports through
 * its listener. A refusal that comes before any work (pending charges, a
 * finalized period) is still answered by the POST itself.
 */

import { explainError } from "../../app_context.ts";
import { UserError } from "../../domain/errors.ts";
import { type Progress, progressText } from "../../statements/mod.ts";
import { link } from "../components/data_kit.tsx";
import type { WebContext, WebDeps } from "../web_env.ts";

/** A job's state as its fragment shows it. */
export interface StatementJob {
  id: string;
  kind: "generate" | "send";
  period: string;
  state: "running" | "done" | "failed";
  progress: Progress | null;
  /** When done: the page that shows the result (the statements page with its notice). */
  resultHref?: string;
  /** When failed: the one-line reason. */
  error?: string;
}

/** Jobs kept per app (the oldest finished are forgotten first). */
const KEEP = 50;
const JOBS = new WeakMap<WebDeps, Map<string, StatementJob>>();

function jobsOf(c: WebContext): Map<string, StatementJob> {
  const deps = c.get("deps");
  let jobs = JOBS.get(deps);
  if (!jobs) JOBS.set(deps, jobs = new Map());
  return jobs;
}

/** The job `id` of this app, if it is known. */
export function findJob(c: WebContext, id: string): StatementJob | undefined {
  return jobsOf(c).get(id);
}

/** How a started job answered: refused before any work, finished at once, or running. */
export type JobStart =
  | { kind: "refused"; error: UserError }
  | { kind: "finished"; href: string }
  | { kind: "running"; job: StatementJob };

/**
 * Start `run` as a job. Resolves once the work has begun (its first progress
 * report) or has ended, whichever comes first; the work goes on after that.
 * `run` resolves to the result page's address.
 */
export function startJob(
  c: WebContext,
  kind: StatementJob["kind"],
  period: string,
  run: (onProgress: (p: Progress) => void) => Promise<string>,
): Promise<JobStart> {
  const jobs = jobsOf(c);
  const job: StatementJob = {
    id: crypto.randomUUID(),
    kind,
    period,
    state: "running",
    progress: null,
  };
  for (const [id, j] of jobs) {
    if (jobs.size < KEEP) break;
    if (j.state !== "running") jobs.delete(id);
  }
  jobs.set(job.id, job);
  return new Promise<JobStart>((resolve) => {
    run((p) => {
      job.progress = p;
      resolve({ kind: "running", job });
    }).then((href) => {
      job.state = "done";
      job.resultHref = href;
      resolve({ kind: "finished", href });
    }, (raw) => {
      const e = explainError(raw); // a database held past the busy timeout says so
      job.state = "failed";
      job.error = e instanceof UserError ? e.webLine() : "the server could not complete this job.";
      if (!(e instanceof UserError)) console.error(e);
      if (e instanceof UserError && !job.progress) {
        jobs.delete(job.id);
        resolve({ kind: "refused", error: e });
      } else resolve({ kind: "running", job });
    });
  });
}

const LABEL: Record<StatementJob["kind"], string> = {
  generate: "Generating statements",
  send: "Sending statements",
};

/** The progress fragment: polled by htmx while the job runs. */
export function JobFragment(props: { job: StatementJob }) {
  const { job } = props;
  const p = job.progress;
  const head = `${LABEL[job.kind]} for ${job.period}`;
  if (job.state === "running") {
    return (
      <section
        class="panel"
        id="statement-job"
        data-state="running"
        aria-live="polite"
        hx-get={`/statements/jobs/${job.id}`}
        hx-trigger="load delay:1s"
        hx-swap="outerHTML"
      >
        <h2>{head}…</h2>
        <progress value={String(p?.done ?? 0)} max={String(Math.max(p?.total ?? 0, 1))}>
          {p ? `${p.done} of ${p.total}` : ""}
        </progress>
        <p class="small" id="statement-job-text">
          {p ? `${progressText(p)}${p.item ? `: ${p.item}` : ""}` : "starting"}
        </p>
        <p class="small muted">
          You can leave this page; the work goes on.{" "}
          <a href={link("/statements", { period: job.period, job: job.id })}>Refresh</a>
        </p>
      </section>
    );
  }
  if (job.state === "failed") {
    return (
      <section class="panel warn" id="statement-job" data-state="failed" aria-live="polite">
        <h2>{head}: stopped</h2>
        <div class="error" role="alert">{job.error}</div>
        {p ? <p class="small">Stopped after {progressText(p)}.</p> : null}
      </section>
    );
  }
  // A job that ended before its page was drawn: one htmx request for the
  // fragment sends the page on to the result (HX-Redirect), as polling does.
  return (
    <section
      class="panel"
      id="statement-job"
      data-state="done"
      aria-live="polite"
      hx-get={`/statements/jobs/${job.id}`}
      hx-trigger="load"
      hx-swap="outerHTML"
    >
      <h2>{head}: done</h2>
      <p>
        <a href={job.resultHref} id="statement-job-result">Show the result</a>
      </p>
    </section>
  );
}

/** GET /statements/jobs/:id: the fragment; a finished job sends htmx on to its result page. */
export function statementJobFragment(c: WebContext) {
  const job = findJob(c, c.req.param("id") ?? "");
  if (!job) {
    return c.html(
      <section class="panel" id="statement-job" data-state="unknown">
        <p class="muted">
          That job is no longer known (the server restarted, or it finished long ago).
        </p>
      </section>,
      404,
    );
  }
  if (job.state === "done" && job.resultHref && c.req.header("HX-Request")) {
    c.header("HX-Redirect", job.resultHref);
  }
  return c.html(<JobFragment job={job} />);
}
