// Protection's use cases run with the context shared by the cases module (src/modules/use-case.ts).
export type { UseCase } from '../use-case.js';
