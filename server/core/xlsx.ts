import type ExcelJS from 'exceljs';

/**
 * Every Excel export writes its rows here. Text that starts like a formula (= + - @, or a tab or
 * carriage return: OWASP's list for CSV/spreadsheet injection) is written with an apostrophe before
 * it, so that editing the cell in Excel or WPS keeps it text instead of running it. Numbers, dates
 * and booleans are written as they are (−3 stays a number). The import takes the apostrophe off
 * again (`fromExportedText`), so an exported roster comes back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

type Cell = ExcelJS.CellValue;
export const exportedText = (v: Cell): Cell => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

/** Adds one row (values in column order, or by column key) to a sheet or a streaming sheet. */
export function addRow(sheet: { addRow(data: Cell[] | Record<string, Cell>): ExcelJS.Row }, values: Cell[] | Record<string, Cell>): ExcelJS.Row {
  const safe = Array.isArray(values) ? values.map(exportedText) : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, exportedText(v)]));
  return sheet.addRow(safe);
}

/** A cell's text as the import reads it: the apostrophe an export put before a formula-like start is taken off. */
export const fromExportedText = (s: string) => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);
