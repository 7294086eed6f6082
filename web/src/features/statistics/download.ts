// Client-side downloads of a chart's table. A spreadsheet program runs a cell that begins with
// = + - or @ as a formula, so such cells are written with a leading apostrophe (CSV injection).

export type TableData = { head: string[]; rows: (string | number)[][] };

export function safeCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string | number): string {
  const text = String(safeCell(value));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: TableData): string {
  return [table.head, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function downloadCsv(table: TableData, name: string): void {
  // The byte-order mark makes Excel read the file as UTF-8 (Chinese and Portuguese labels).
  save(new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

export async function downloadXlsx(table: TableData, name: string): Promise<void> {
  // exceljs is large: it is loaded only when someone asks for a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.addRow(table.head.map(safeCell));
  for (const row of table.rows) sheet.addRow(row.map(safeCell));
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  save(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    `${name}.xlsx`,
  );
}
