// An import as the API shows it (the file as read, the mapping, the fields it may fill, progress), its
// dry run and the saved mappings: one definition, free of imports, that the server builds and the web
// app reads (its types and option lists come from here).

export const importEncodings = ['utf-8', 'utf-8-bom', 'gb18030'] as const;
export type ImportEncoding = (typeof importEncodings)[number];
export const importDelimiters = [',', ';', '\t', '|'] as const;
export type ImportDelimiter = (typeof importDelimiters)[number];

/** How a file is read. XLSX and vCard have no delimiter of their own (kept for the error file, written as CSV). */
export interface ImportSource {
  format: 'csv' | 'xlsx' | 'vcf';
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
}

/** How a file is read, with what the user needs to map it: the header and a few rows. */
export type StoredSource = ImportSource & { header: string[]; sample: string[][] };

export type MatchMode = 'create' | 'update' | 'upsert';
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export interface ImportSettings {
  /** Column title → field API name; a column left out is not imported. */
  columns: Record<string, string>;
  matchMode: MatchMode;
  /** The fields that identify an existing record (one of the keys `matchKeysOf` offers); empty for create. */
  matchBy: string[];
  /** Remove spaces around every value (on by default). */
  trim: boolean;
  /** How a date written with slashes or dots and the year last is read: 5/3/2024. */
  dateOrder: DateOrder;
  /** Region of phone numbers written without a country code (ISO 3166, e.g. CN). */
  phoneRegion: string;
  /** Per pick-list field: a value as written in the file → the option's value. */
  optionMap: Record<string, Record<string, string>>;
}

/** What happened to a row (or would, in a dry run). */
export const rowOutcomes = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export type RowOutcome = (typeof rowOutcomes)[number];
export type ImportCounts = Record<RowOutcome, number>;

/** uploaded → queued → running → completed | failed; completed → undoing → undone. */
export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'completed' | 'failed' | 'undoing' | 'undone';

/** A record undo left alone, and why. */
export interface UndoConflict {
  rowNumber: number;
  recordId: string;
  /** changed: edited since the import; gone: deleted or no longer yours to change. */
  reason: 'changed' | 'gone';
}

/** A field an import may fill, as the mapping screen offers it. */
export interface ImportField {
  name: string;
  type: string;
  label: { en: string; 'zh-CN': string };
  isRequired: boolean;
  options?: Array<{ value: string; label: { en: string; 'zh-CN': string } }>;
}

export interface ImportView {
  id: string;
  object: string;
  status: ImportStatus;
  fileName: string;
  size: number;
  source: StoredSource;
  settings: ImportSettings;
  totalRows: number;
  processedRows: number;
  counts: Partial<ImportCounts>;
  failure: string | null;
  undoConflicts: UndoConflict[] | null;
  fields: ImportField[];
  /** The field sets that may identify an existing record. */
  matchKeys: string[][];
  createdAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  /** When the clean-up removed the uploaded file (the error file is then gone). */
  contentRemovedAt: string | null;
}

/** A dry run: its progress while a job checks a large file, then what it found. */
export interface DryRunView {
  status: 'running' | 'done' | 'failed';
  checkedRows: number;
  totalRows: number;
  counts: ImportCounts;
  /** Per pick-list field, values of the file that match no option. */
  unknownOptions: Record<string, string[]>;
  failure: string | null;
  problems: Array<{ rowNumber: number; outcome: string; fields: string[]; message: string }>;
}

/** A column mapping saved for files of the same shape. */
export interface SavedMapping {
  id: string;
  object: string;
  name: string;
  settings: ImportSettings;
  createdBy: string;
  createdAt: string;
}

/** A ready-made mapping for the files another system exports (or for vCard files). */
export interface ImportPreset {
  id: string;
  object: string;
  name: { en: string; 'zh-CN': string };
  /** Columns every file of this shape has. */
  signature: readonly string[];
  /** Column title → field API name (a column missing from a file is left out; `''` never imports the column). */
  columns: Readonly<Record<string, string>>;
}
