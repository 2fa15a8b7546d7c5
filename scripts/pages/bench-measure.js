// In the benchmark's pages (scripts/bench-history.mjs): each measure resolves with `ms`, the
// time in milliseconds from creating the element to its newest message rendered and two frames
// later, and `shown`, the time at which that message was found in the DOM (checked every frame:
// the measure counts in whole frames, and at 100 messages both widgets take but a few).
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The JS heap in use after a full garbage collection, in bytes (the benchmark's browser exposes gc()). */
window.heapAfterGc = () => {
  window.gc();
  return performance.memory.usedJSHeapSize;
};

/** Once `done()` is true, checked every frame, and two more frames: both times since `start`. */
async function untilRendered(start, done) {
  while (!done()) await frame();
  const shown = performance.now() - start;
  await frame();
  await frame();
  return { ms: performance.now() - start, shown };
}

/** `<support-chat>` opened on a conversation of `count` messages, served from memory. */
window.measureOurs = async (count) => {
  const messages = window.historyMessages(count);
  const last = `Message ${count}:`;
  const start = performance.now();
  const { el } = await window.memoryWidget(messages);
  document.body.append(el);
  return untilRendered(start, () => {
    const list = el.shadowRoot.querySelector('support-chat-message-list')?.shadowRoot;
    return !!list?.querySelector('[role="log"] li:last-child')?.textContent.includes(last);
  });
};

/** deep-chat given the same history through its `history` property. */
window.measureDeepChat = async (count) => {
  const history = window
    .historyMessages(count)
    .map((m) => ({ role: m.author_type === 'customer' ? 'user' : 'ai', text: m.content }));
  const last = `Message ${count}:`;
  const start = performance.now();
  const el = document.createElement('deep-chat');
  el.history = history;
  el.style.height = '600px';
  document.body.append(el);
  return untilRendered(start, () => {
    const bubbles = el.shadowRoot?.querySelectorAll('.outer-message-container:last-child .message-bubble');
    return !!bubbles?.length && bubbles[bubbles.length - 1].textContent.includes(last);
  });
};

/**
 * A click on the launcher to the panel painted with its message box: the launcher found and
 * clicked in the page, the box looked for every frame; a message posted from the frame that
 * finds it arrives after that frame's paint.
 */
window.prepareOpen = async () => {
  const { el } = await window.memoryWidget(window.historyMessages(20), { open: false });
  document.body.append(el);
  await new Promise((resolve) => el.addEventListener('support-chat-ready', resolve, { once: true }));
};
window.measureOpen = async () => {
  const el = document.querySelector('support-chat');
  const launcher = () => el.shadowRoot.querySelector('support-chat-launcher')?.shadowRoot?.querySelector('button');
  while (!launcher()) await frame();
  const start = performance.now();
  launcher().click();
  const box = () => el.shadowRoot.querySelector('support-chat-composer')?.shadowRoot?.querySelector('textarea');
  while (!(box()?.getBoundingClientRect().width > 0)) await frame();
  await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(null);
  });
  return { ms: performance.now() - start };
};

/**
 * A page past the widget's idle prefetch, as a page is by the time a visitor opens the widget
 * (and as deep-chat's page is, its one script evaluated before the measure): a closed widget
 * started, its panel and conversation files fetched and evaluated at idle, then taken away.
 */
window.pastIdlePrefetch = async () => {
  const { el } = await window.memoryWidget(window.historyMessages(1), { open: false });
  document.body.append(el);
  const fetched = (file) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(file));
  const since = performance.now();
  while (!fetched('/panel.js') || !fetched('/conversation-chunk.js')) {
    if (performance.now() - since > 10_000) throw new Error('the panel and conversation files did not load at idle');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => requestIdleCallback(resolve));
  el.remove();
};
