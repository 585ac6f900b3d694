/** The whole kit: every element, and the headless core they are built on. */
export * from './elements/index.ts';
export * from './core/index.ts';
