/** Metering capability: rate cards, Slurm accounting and storage snapshots to priced FOCUS rows. */
export { type AccountMap, loadAccounts } from "./accounts_map.ts";
export {
  cardAt,
  loadRateCard,
  parseRateCard,
  priceAt,
  type RateCard,
  type Sku,
} from "./rate_card.ts";
export { convertSlurm, type SlurmConvertOptions } from "./slurm_convert.ts";
export { formatSlurmReport, type SlurmReport } from "./slurm_report.ts";
export {
  convertStorage,
  type StorageConvertOptions,
  type StorageReport,
} from "./storage_convert.ts";
export { formatStorageReport } from "./storage_report_text.ts";
export { formatCardAt } from "./rate_card_text.ts";
export { XDMOD_COLUMNS } from "./sacct_fields.ts";
export { type SkuAt, skusAt } from "./rate_card_text.ts";
