/**
 * The parts of citation-js this project calls (the packages ship no TypeScript declarations).
 */
declare module '@citation-js/core' {
  export type CslData = Record<string, unknown>;
  export interface BibtexEntry {
    type: string;
    label: string;
    properties: Record<string, string>;
  }
  export class Cite {
    constructor(data: unknown);
    data: CslData[];
    format(format: 'bibtex', options: { format: 'object' }): BibtexEntry[];
    format(format: 'data', options: { format: 'object' }): CslData[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    input: {
      type(input: unknown): string;
      chain(input: unknown, options: Record<string, unknown>): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/name' {
  export function parse(name: string): Record<string, string>;
}
