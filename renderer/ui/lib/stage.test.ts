import { stageLayout, type StageInput } from './stage';

const base: StageInput = { ids: ['me', 'ada', 'bob'], localId: 'me', sharing: false, pinned: null, view: 'grid', speaker: null };
const layout = (over: Partial<StageInput>) => stageLayout({ ...base, ...over });

describe('stageLayout', () => {
  it('is a grid of equals by default', () => {
    expect(layout({})).toEqual({ kind: 'grid', lead: null });
  });

  it('shows a pinned tile large, in grid and in speaker view alike (the pin beats the active speaker)', () => {
    expect(layout({ pinned: 'bob' })).toEqual({ kind: 'focus', lead: 'bob' });
    expect(layout({ pinned: 'bob', view: 'speaker', speaker: 'ada' })).toEqual({ kind: 'focus', lead: 'bob' });
    expect(layout({ pinned: 'me' })).toEqual({ kind: 'focus', lead: 'me' });
  });

  it('ignores a pin of a tile that is not shown (gone, or our own hidden self view)', () => {
    expect(layout({ pinned: 'cy' })).toEqual({ kind: 'grid', lead: null });
    expect(layout({ ids: ['ada', 'bob'], pinned: 'me', view: 'speaker', speaker: 'ada' })).toEqual({ kind: 'focus', lead: 'ada' });
  });

  it('a screen share takes the stage: every camera in the strip, a pinned one first', () => {
    expect(layout({ sharing: true })).toEqual({ kind: 'strip', lead: null });
    expect(layout({ sharing: true, pinned: 'bob' })).toEqual({ kind: 'strip', lead: 'bob' });
    expect(layout({ sharing: true, view: 'speaker', speaker: 'ada' })).toEqual({ kind: 'strip', lead: null });
  });

  it('speaker view shows the active speaker large, else the first other participant, else ourselves', () => {
    expect(layout({ view: 'speaker', speaker: 'bob' })).toEqual({ kind: 'focus', lead: 'bob' });
    expect(layout({ view: 'speaker', speaker: null })).toEqual({ kind: 'focus', lead: 'ada' });
    expect(layout({ view: 'speaker', speaker: 'gone' })).toEqual({ kind: 'focus', lead: 'ada' });
    expect(layout({ ids: ['me'], view: 'speaker' })).toEqual({ kind: 'focus', lead: 'me' });
    expect(layout({ ids: [], view: 'speaker' })).toEqual({ kind: 'grid', lead: null });
  });
});
