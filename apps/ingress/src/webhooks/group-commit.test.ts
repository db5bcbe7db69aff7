import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('commits the requests that arrive together in one call, and gives each its own results', async () => {
    const calls: number[][] = [];
    const commits = new GroupCommit<number, string>(async (items) => {
      calls.push(items);
      return items.map((item) => `row-${item}`);
    });
    const answers = await Promise.all([commits.submit([1]), commits.submit([2, 3]), commits.submit([4])]);
    expect(calls).toEqual([[1, 2, 3, 4]]);
    expect(answers).toEqual([['row-1'], ['row-2', 'row-3'], ['row-4']]);
  });

  it('gathers the requests that arrive during a commit into the next one', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const commits = new GroupCommit<number, number>(async (items) => {
      calls.push(items);
      if (calls.length === 1) await first;
      return items;
    });
    const one = commits.submit([1]);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [commits.submit([2]), commits.submit([3])];
    release();
    expect(await Promise.all([one, ...later])).toEqual([[1], [2], [3]]);
    expect(calls).toEqual([[1], [2, 3]]);
  });

  it('fails only the request whose items fail, by retrying a failed batch one request at a time', async () => {
    const commits = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('bad row');
      return items;
    });
    const outcomes = await Promise.allSettled([commits.submit([1]), commits.submit([13]), commits.submit([2])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('keeps each commit within the item limit, never splitting a request', async () => {
    const calls: number[][] = [];
    const commits = new GroupCommit<number, number>(async (items) => {
      calls.push(items);
      return items;
    }, 3);
    await Promise.all([commits.submit([1, 2]), commits.submit([3, 4]), commits.submit([5])]);
    expect(calls).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });
});
