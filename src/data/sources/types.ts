/**
 * How a source module plugs into `data import`: it recognises files by their official names
 * and parses each into rows for one or more store tables. Parsing never touches the store,
 * so a fault in any file stops the import before anything is written.
 */
export interface ParsedTable {
  table: string;
  /** Rows in the table spec's column order. */
  rows: unknown[][];
  /** For partitioned tables: which partitions this file replaces. */
  partitions?: (string | number)[];
  /** 1-based file row of each entry in rows, for duplicate-key messages. */
  rowNumbers?: number[];
}

export interface FoundFile {
  path: string;
  /** File name without directory. */
  name: string;
  /** Release string (e.g. O*NET "29.1", OEWS "2024", EP "2024-34"), used to pick the newest copy. */
  release: string;
}

export interface SourceFile {
  /** Group shown in `data status` and the sources table, e.g. 'onet', 'oews'. */
  dataset: string;
  /** Does this handler read the file? Return a key that identifies the logical file
   * (two files with the same key are copies of one source; the newest release wins). */
  match(name: string): string | undefined;
  /** Release of a found file (for choosing among copies and for the provenance table). */
  release(path: string): string;
  parse(file: FoundFile, context: ParseContext): ParsedTable[];
}

/** Other found files a parser may need (e.g. Anthropic's task list beside its mappings). */
export interface ParseContext {
  find(key: string): FoundFile | undefined;
}

/**
 * Thrown by a parser for a file whose name it matched but whose layout it does not know (a
 * table the publisher added under a familiar name). The importer warns and skips the file;
 * it never lets an unknown file abort the import of files it does know. Faults in a file of a
 * known layout stay InputErrors and stop the import.
 */
export class SkippedFile extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkippedFile';
  }
}
