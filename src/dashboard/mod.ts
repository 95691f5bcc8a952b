/** Dashboard capability (read side): a period's figures for the web dashboard. */
export { type DashboardFigures, dashboardFigures } from "./dashboard_figures.ts";
export type { CurrencyTotalRow, LabelledCostRow, PeriodCountsRow, TopRow } from "../storage/mod.ts";
