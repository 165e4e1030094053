import type { GraphSlice } from './graph-slice';
import type { UiSlice } from './ui-slice';

export type AppState = GraphSlice & UiSlice;
