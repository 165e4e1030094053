import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../store/projects-slice';
import { isFirstVisit, landingPage } from './landing';

const project = (over: Partial<ProjectSummary> = {}): ProjectSummary => ({
  id: 'p1',
  name: 'Untitled project',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  dataset: null,
  layers: 0,
  params: 0,
  runs: 0,
  hasWeights: false,
  ...over,
});

describe('the page the app opens on when the URL names none', () => {
  it('is the start view for a first-time user: no project, or only the blank one made at first start', () => {
    expect(isFirstVisit([])).toBe(true);
    expect(isFirstVisit([project()])).toBe(true);
    expect(landingPage([project()], 'model')).toBe('start');
  });

  it('is the returning page once the user has work: layers, data, a run, or a second project', () => {
    for (const p of [project({ layers: 3 }), project({ dataset: 'iris (built-in)' }), project({ runs: 1 })]) {
      expect(isFirstVisit([p])).toBe(false);
      expect(landingPage([p], 'model')).toBe('model');
    }
    expect(isFirstVisit([project(), project({ id: 'p2' })])).toBe(false);
  });
});
