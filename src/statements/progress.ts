/**
 * Progress of long statement work (generate renders PDFs, send emails PIs):
 * the services call a listener, so the CLI's progress line on a terminal and
 * the web's polled progress fragment read the same figures.
 */

/** One progress report: `done` of `total` items of a step. */
export interface Progress {
  /** "prepare": reading the charges; "render": statement PDFs being drawn; "send": PI emails. */
  step: "prepare" | "render" | "send";
  done: number;
  total: number;
  /** The item being worked on (a statement number, a PI email), when known. */
  item?: string;
}

/** Hears progress reports; must not throw. */
export type ProgressListener = (p: Progress) => void;

/** "rendering statements 3 of 33", "emailing PIs 2 of 27": the one wording of a report. */
export function progressText(p: Progress): string {
  if (p.step === "prepare") return "reading the charges";
  const what = p.step === "render" ? "rendering statements" : "emailing PIs";
  return `${what} ${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")}`;
}
