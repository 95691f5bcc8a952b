/**
 * The parse worker's own entry module, for the one-file bundle: scripts/build.ts
 * bundles it alone (~0.1 MB instead of the program's ~7 MB, which every thread
 * would evaluate) and embeds its code in the bundle, which starts the worker
 * from it (parse_worker_entry.ts). The development entry and the compiled
 * binary start main.ts as the worker instead (it imports only the parse code).
 */

import { isMainThread, workerData } from "node:worker_threads";
import { runParseWorker } from "./parse_worker.ts";
import { PARSE_WORKER_ROLE } from "./parse_worker_protocol.ts";

if (!isMainThread && workerData?.role === PARSE_WORKER_ROLE) runParseWorker(workerData);
