/** A problem in a rule file; its own module so that the modules that make problems need not import each other. */
export interface Problem {
  /** The file, as the user knows it, e.g. 'rules/cpor/statuses.json'. */
  file: string;
  /** A JSON pointer into the file, e.g. '/statuses/3/clocks/0/unit'; '' for the whole file. */
  pointer: string;
  /**
   * The pointer in words, by the ids of the entries it passes: "status 'partner-action-required' ›
   * clock 'respond-to-reviewer' › unit" (src/rules/where.ts); absent when not worked out.
   */
  path?: string;
  /** Line and column (from 1) of the value in the file, when its text is known. */
  line?: number;
  column?: number;
  /** What is wrong, followed by how to fix it. */
  message: string;
  /** 'error' stops the pack from loading; 'warning' does not. */
  level: 'error' | 'warning';
}
