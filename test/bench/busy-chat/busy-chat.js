/*
 * The busy chat page of the bench (see index.html). `window.busyChat.run(total, perFrame)` applies `total` DOM
 * mutations, `perFrame` in each animation frame (a busy chat updates once a frame, and a fixed count of frames makes
 * the page's own style, layout and paint work the same from run to run), and resolves with the in-page time it took.
 * The mutations come from a seeded generator, so every run with and without the extension does the same work. Half land
 * in the chat list (outside what the extension observes), half in the open chat (inside it).
 */
(() => {
  'use strict';

  const ROWS = 40;
  const BUBBLES_KEPT = 60;
  const PEER = { id: '777001', name: 'Anna Petrova' };

  const chatList = document.querySelector('.chatlist');
  const chatsContainer = document.querySelector('#column-center .chats-container');

  function el(tag, className, attributes, children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  /** Mulberry32: small, fast and the same everywhere. */
  function generator(seed) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function row(index) {
    return el('li', 'chatlist-chat', { 'data-peer-id': String(900000 + index) }, [
      el('div', 'avatar'),
      el('div', 'dialog', {}, [
        el('div', 'dialog-title', {}, [el('span', 'peer-title', {}, [`Lead ${index}`]), el('span', 'message-time', {}, ['10:00'])]),
        el('div', 'dialog-subtitle', {}, [`Last message of lead ${index}`]),
        el('span', 'badge', {}, ['1']),
      ]),
    ]);
  }

  function bubble(text, out) {
    return el('div', `bubble ${out ? 'is-out' : 'is-in'}`, {}, [el('div', 'message', {}, [text])]);
  }

  const status = el('span', 'i18n', {}, ['online']);
  const bubbles = el('div', 'bubbles-inner');
  const chat = el('div', 'chat tabs-tab active', { 'data-type': 'chat' }, [
    el('div', 'sidebar-header topbar', {}, [
      el('div', 'chat-info-container', {}, [
        el('div', 'chat-info', {}, [
          el('div', 'person', {}, [
            el('div', 'avatar person-avatar', { 'data-peer-id': PEER.id }),
            el('div', 'content', {}, [
              el('div', 'user-title', {}, [el('span', 'peer-title', { 'data-peer-id': PEER.id }, [PEER.name])]),
              el('div', 'info', {}, [status]),
            ]),
          ]),
        ]),
        el('div', 'chat-utils', {}, [el('button', 'btn-icon', { type: 'button', 'aria-label': 'More' }, ['⋮'])]),
      ]),
    ]),
    el('div', 'bubbles', {}, [bubbles]),
  ]);

  for (let index = 0; index < ROWS; index += 1) chatList.append(row(index));
  for (let index = 0; index < BUBBLES_KEPT; index += 1) bubbles.append(bubble(`Message ${index}`, index % 3 === 0));
  chatsContainer.append(chat);
  history.replaceState(null, '', `${location.pathname}#@anna_leads`);

  /** One mutation: which kind is drawn from `random`, so the sequence is the same on every run with the same seed. */
  function mutate(random, step) {
    const rows = chatList.children;
    const pick = (list) => list[Math.floor(random() * list.length)];
    switch (Math.floor(random() * 6)) {
      case 0: // a chat with a new message moves to the top of the list
        chatList.insertBefore(pick(rows), chatList.firstChild);
        break;
      case 1: // its preview is rewritten
        pick(rows).querySelector('.dialog-subtitle').textContent = `New message ${step}`;
        break;
      case 2: // its unread badge comes or goes
        pick(rows).classList.toggle('unread');
        break;
      case 3: // a message arrives in the open chat; the oldest goes once enough are shown
        if (bubbles.childElementCount >= BUBBLES_KEPT) bubbles.firstElementChild.remove();
        else bubbles.append(bubble(`Message ${step}`, random() < 0.3));
        break;
      case 4: // the header says the lead is typing, then online again
        status.firstChild.data = status.firstChild.data === 'online' ? 'typing…' : 'online';
        break;
      default: // a message is highlighted (a reply jumped to) or no longer
        pick(bubbles.children).classList.toggle('is-highlighted');
    }
  }

  window.busyChat = {
    /** Applies `total` mutations, `perFrame` in each animation frame, and resolves with the time it took. */
    run(total, perFrame, seed = 1) {
      const random = generator(seed);
      const started = performance.now();
      let done = 0;
      return new Promise((resolve) => {
        const frame = () => {
          const end = Math.min(total, done + perFrame);
          for (; done < end; done += 1) mutate(random, done);
          if (done < total) requestAnimationFrame(frame);
          else resolve(performance.now() - started);
        };
        requestAnimationFrame(frame);
      });
    },
  };
})();
