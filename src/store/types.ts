import type { GraphSlice } from './graph-slice';

export type AppState = GraphSlice;
