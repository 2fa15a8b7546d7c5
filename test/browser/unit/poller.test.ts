import { expect } from '@open-wc/testing';
import { Poller } from '../../../src/client/poller.js';
import { setPageHidden } from '../helpers/faults.js';
import { FakeClock, settle } from '../helpers/fake-clock.js';

describe('Poller (fake clock)', () => {
  let clock: FakeClock;
  let polls: boolean[];
  let poller: Poller;
  /** What the next polls resolve: `true` is a network failure. */
  let outcome: () => Promise<boolean>;

  beforeEach(() => {
    clock = new FakeClock();
    polls = [];
    outcome = async () => false;
    poller = new Poller({ openInterval: 5_000, closedInterval: 30_000, clock, poll: (open) => (polls.push(open), outcome()) });
  });
  afterEach(() => {
    poller.stop();
    setPageHidden(false);
  });

  it('polls at once on start, then at the closed pace', async () => {
    poller.start();
    await settle();
    expect(polls).to.deep.equal([false]);
    await clock.tick(29_999);
    expect(polls).to.have.length(1);
    await clock.tick(1);
    expect(polls).to.have.length(2);
    await clock.tick(60_000);
    expect(polls).to.have.length(4);
  });

  it('polls at once when the panel opens, then at the open pace; closing slows it down again', async () => {
    poller.start();
    await clock.tick(10_000);
    poller.setOpen(true);
    await settle();
    expect(polls).to.deep.equal([false, true]);
    await clock.tick(15_000);
    expect(polls).to.deep.equal([false, true, true, true, true]);
    poller.setOpen(false);
    await clock.tick(29_999);
    expect(polls).to.have.length(5);
    await clock.tick(1);
    expect(polls).to.have.length(6);
  });

  it('never runs two polls at once: a poll asked for during one follows it', async () => {
    let release!: () => void;
    outcome = () => new Promise((resolve) => (release = () => resolve(false)));
    poller.start();
    await settle();
    const again = [poller.pollNow(), poller.pollNow(), poller.pollNow()];
    await settle();
    expect(polls, 'one in flight').to.have.length(1);
    release();
    await settle();
    expect(polls, 'one more after it, not three').to.have.length(2);
    release();
    await Promise.all(again);
    expect(polls).to.have.length(2);
  });

  it('polls nothing while the page is hidden, and at once when it comes back', async () => {
    poller.start();
    await settle();
    setPageHidden(true);
    await clock.tick(120_000);
    expect(polls, 'hidden').to.have.length(1);
    expect(clock.pending, 'no timer left running').to.equal(0);
    setPageHidden(false);
    await settle();
    expect(polls).to.have.length(2);
  });

  it('stops after three network failures while online, and resumes on online', async () => {
    outcome = async () => true;
    poller.start();
    await clock.tick(60_000);
    expect(polls).to.have.length(3);
    expect(poller.broken).to.be.true;
    await clock.tick(300_000);
    expect(polls, 'the breaker is open').to.have.length(3);
    outcome = async () => false;
    dispatchEvent(new Event('online'));
    await settle();
    expect(polls).to.have.length(4);
    expect(poller.broken).to.be.false;
    await clock.tick(30_000);
    expect(polls).to.have.length(5);
  });

  it('a failing poll (rejected) is not fatal: the schedule carries on', async () => {
    outcome = () => Promise.reject(new Error('boom'));
    poller.start();
    await clock.tick(30_000);
    expect(polls).to.have.length(2);
  });
});
