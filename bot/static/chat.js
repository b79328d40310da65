// The web chat: talks to POST /api/v1/chat and polls GET /api/v1/chat/messages (the DX team's
// answers) every few seconds, and at once when the page comes back into view.
// Who is talking is the server's business: it keeps the session in an HttpOnly cookie that this
// script never sees, and no user id appears in any URL or storage. 「この端末での利用を終了」 ends
// the session (DELETE /api/v1/chat/session), so the next person at a shared PC starts afresh; the
// page's other tabs clear their conversation too (told on a BroadcastChannel, or by a poll that finds
// no session). On the same channel every turn is told to the other tabs, which show it too: they share
// the session, and so one conversation.
// Everything the bot or the user wrote is inserted with textContent, never as HTML.
"use strict";

(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const send = document.getElementById("send");
  const end = document.getElementById("end");
  const waiting = document.getElementById("waiting");
  const count = document.getElementById("count");
  const MAX_CHARS = Number(input.dataset.maxChars); // the server's limit, in characters (code points)
  const WAITING_AFTER_MS = 700; // an answer slower than this is announced as being prepared
  const TITLE = document.title;
  const QUIET_MS = 500; // how long a reloaded conversation is shown without being announced
  const POLL_MS = 10000;
  // An answer not come in this long is given up on (a network that dropped without a word leaves the request
  // hanging, the send button disabled): said unsent, its text back in the box, to send again under its key.
  const ANSWER_WAIT_MS = 60000;
  // The request never reached the server or its answer never came back: the network, or a server restarting.
  const UNREACHABLE = "通信できませんでした。少し時間をおいて、もう一度お試しください（続くときは、ネットワークの接続をご確認ください）。";
  const finePointer = window.matchMedia("(pointer: fine)"); // a mouse: a keyboard is at hand
  const PUSHED = "kaizen-bot-pushed"; // the last pushed message shown in this tab (a number, no identity)
  const ENDED_ELSEWHERE =
    "この端末での利用が終了されたため、これまでの会話をこの画面から消去しました。" +
    "続けてご利用になる場合は、新しい会話としてご質問ください。";
  // This page in the browser's other tabs, told when the session ends (the message holds no identity).
  const tabs = "BroadcastChannel" in window ? new BroadcastChannel("kaizen-bot-chat") : null;

  // Old versions kept a client-chosen user id here; it means nothing now, so it goes.
  localStorage.removeItem("kaizen-bot-user");
  localStorage.removeItem(PUSHED);

  let lastPushed = Number(sessionStorage.getItem(PUSHED) || "0");
  let busy = false;
  let sendWhenFree = false; // Enter pressed while the previous answer was on its way
  let pressWhenFree = null; // the last other button pressed meanwhile: { action, label }
  let pressed = null; // the action of the button whose answer is on its way (a double click sends it once)
  let epoch = 0; // grows when the session ends: answers to requests sent before that are dropped
  let live = false; // this tab shows the conversation of a live session
  let unstarted = false; // the page's greeting never came (the server out of reach): asked again once it answers
  let cardCount = 0; // numbers the cards' headings, which name their buttons' purpose
  // The last message the server may not have taken, with its Idempotency-Key: sent again unchanged, it goes
  // under the same key, so a message whose answer was lost on the way is not taken twice.
  let unsure = null; // { text } or { action }, with its key

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(choice, className) {
    const node = element("button", className, choice.label);
    node.type = "button";
    node.dataset.action = choice.action;
    return node;
  }

  // Back to the text box (on load, after a button or a send), so the next question is typed at once and
  // a keyboard user need not tab through every button; not on a touch screen, where focusing the box
  // would open the on-screen keyboard over the answer.
  function typeHere() {
    if (finePointer.matches) input.focus({ preventScroll: true });
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  // After new replies: the last of them (usually the question the bot waits on) in full, with as much
  // of those before it as fits; a last reply taller than the view from its first line, so a long answer
  // is read from its start (on a phone it would otherwise begin mid-sentence).
  function reveal(bubbles) {
    const last = bubbles[bubbles.length - 1];
    if (!last) return;
    const top = last.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
    log.scrollTop = Math.max(Math.min(top - 8, log.scrollHeight - log.clientHeight), 0);
  }

  function showUser(text) {
    const bubble = element("div", "message user", text);
    log.append(bubble);
    retire();
    scrollDown();
    return bubble;
  }

  // The buttons and links of the conversation, in its order.
  const CONTROLS = "[data-action], a[href]";

  // Only the buttons and links of the replies since the person's last line are in the Tab order, so a
  // keyboard user reaches the newest offer without tabbing through every earlier one (the menu, old
  // cards). The earlier ones still work (an expired one gets a polite restart from the server): a click,
  // a screen reader's browse mode, or the arrow keys from any button of the conversation reach them.
  // Their cards' strips go too: one that scrolls sideways with no button in the Tab order is a Tab stop of
  // its own in Chrome.
  function retire() {
    const last = [...log.querySelectorAll(".message.user")].pop();
    if (!last) return;
    for (const node of log.querySelectorAll(`${CONTROLS}, .cards`)) {
      if (node.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING) node.tabIndex = -1;
    }
  }

  // ↑ ← and ↓ → move from a button or link of the conversation to the one before or after it, old or new.
  const STEPS = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1 };
  log.addEventListener("keydown", (event) => {
    const step = STEPS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const controls = [...log.querySelectorAll(CONTROLS)];
    const at = controls.indexOf(event.target);
    const next = at < 0 ? null : controls[at + step];
    if (!next) return;
    event.preventDefault();
    next.focus();
  });

  // A line the server did not take stays in view, marked, so it is not mistaken for one sent.
  function markUnsent(bubble) {
    if (bubble && !bubble.querySelector(".unsent")) bubble.append(element("span", "unsent", "（送信できませんでした）"));
  }

  function showSystem(text) {
    log.append(element("div", "message system", text));
    scrollDown();
  }

  // Web addresses in the bot's text (a ward's FAQ, the DX team's answers) are links that open a new tab,
  // which a screen reader says (#new-tab): only http and https, made as elements with their text, never
  // as HTML; a 。 or ) after one ends it.
  const ADDRESS = /https?:\/\/[^\s「」『』（）()<>、。]+/g;

  function withLinks(node, text) {
    let at = 0;
    for (const found of text.matchAll(ADDRESS)) {
      const address = found[0].replace(/[.,!?]+$/, "");
      const link = element("a", "", address);
      link.href = address;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.setAttribute("aria-describedby", "new-tab");
      node.append(text.slice(at, found.index), link);
      at = found.index + address.length;
    }
    node.append(text.slice(at));
    return node;
  }

  function showReply(reply) {
    const bubble = withLinks(element("div", "message bot"), reply.text);
    // The source is cited, not a link: its action is the entry this reply shows, so it opened nothing new.
    if (reply.source) bubble.append(element("p", "source", "出典：" + reply.source.label));
    if (reply.choices && reply.choices.length) {
      const row = element("div", "choices");
      for (const choice of reply.choices) row.append(button(choice, "choice"));
      bubble.append(row);
    }
    log.append(bubble);
    if (reply.cards && reply.cards.length) {
      const strip = element("div", "cards");
      for (const card of reply.cards) {
        const box = element("article", "card");
        const heading = element("h2", "", card.title);
        heading.id = `card-${++cardCount}`;
        box.append(heading, element("p", "", card.text));
        const buttons = element("div", "buttons");
        // Many cards have a 「詳しく見る」: a screen reader says which card's it is.
        for (const choice of card.choices || []) {
          const node = button(choice);
          node.setAttribute("aria-describedby", heading.id);
          buttons.append(node);
        }
        box.append(buttons);
        strip.append(box);
      }
      log.append(strip);
    }
    return bubble;
  }

  // What the person sent (``line``: their bubble, if shown) and the bot's answer; the page's other tabs are
  // told the turn, so they show the same conversation and none answers a question it did not show.
  // True when the server answered it.
  async function post(body, line, key = newKey()) {
    busy = true;
    pressed = body.action || null;
    send.disabled = true;
    const sentIn = epoch;
    const slow = setTimeout(() => {
      waiting.textContent = "回答を準備しています…";
    }, WAITING_AFTER_MS);
    const abandon = new AbortController();
    const gaveUp = setTimeout(() => abandon.abort(), ANSWER_WAIT_MS);
    try {
      const response = await fetch("/api/v1/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": key },
        credentials: "same-origin",
        body: JSON.stringify(body),
        signal: abandon.signal,
      });
      const data = await response.json().catch(() => ({}));
      if (sentIn !== epoch) return;
      if (!response.ok) {
        markUnsent(line);
        showSystem(data.message || "送信できませんでした。時間をおいてもう一度お試しください。");
        giveBack(body, key);
        return;
      }
      if (data.repeated) {
        // Taken the first time, its answer lost on the way: the conversation as the server has it.
        await showHistory("先ほどのメッセージは届いていました。会話を表示し直しました。");
        return true;
      }
      live = true;
      unstarted = false;
      reveal(data.replies.map(showReply));
      if (data.refused) {
        markUnsent(line);
        giveBack(body, key); // over the per-minute limit: not read, to send again later
      } else if (tabs && line) {
        tabs.postMessage({ turn: { line: line.firstChild.textContent, replies: data.replies } });
      }
      return true;
    } catch (error) {
      if (sentIn !== epoch) return; // lost after the session ended: the next person's box is not theirs
      markUnsent(line);
      showSystem(UNREACHABLE);
      giveBack(body, key);
    } finally {
      clearTimeout(slow);
      clearTimeout(gaveUp);
      waiting.textContent = "";
      busy = false;
      pressed = null;
      send.disabled = false;
      if (sendWhenFree) {
        sendWhenFree = false;
        form.requestSubmit();
      } else if (pressWhenFree) {
        const { action, label } = pressWhenFree;
        pressWhenFree = null;
        press(action, label);
      }
    }
  }

  // A question the server did not take (an error, or a refusal over the per-minute limit) goes back into
  // an empty box, so that sending it again is one key.
  // (A send pressed meanwhile on the empty box had nothing to send; it must not send this at once.)
  // Its key is kept with it (`unsure`): the server may have taken it before the network failed.
  function giveBack(body, key) {
    unsure = { ...body, key };
    if (!body.text || input.value) return;
    input.value = body.text;
    fitInput();
    sendWhenFree = false;
  }

  // A new message's key; the last unsure one's again when it is sent again unchanged.
  function keyFor(body) {
    const same = unsure && unsure.text === body.text && unsure.action === body.action;
    const key = same ? unsure.key : newKey();
    unsure = null;
    return key;
  }

  // 128 random bits in hex (crypto.randomUUID needs HTTPS, which a ward's own network may not have).
  function newKey() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function ask(text) {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    const body = { text: trimmed };
    post(body, showUser(trimmed), keyFor(body));
  }

  // A card's button whose label others of its reply share (many cards have a 「詳しく見る」) is named with its
  // card's title too, as the server logs the press for the history: 「詳しく見る（…）」.
  function pressedLabel(target) {
    const label = target.textContent;
    const card = target.closest(".card");
    if (!card) return label;
    const strip = card.parentElement;
    const bubble = strip.previousElementSibling;
    const buttons = [...strip.querySelectorAll("[data-action]")];
    if (bubble) buttons.push(...bubble.querySelectorAll("[data-action]"));
    const same = buttons.filter((node) => node.textContent === label).length;
    return same > 1 ? `${label}（${card.querySelector("h2").textContent}）` : label;
  }

  // A button pressed while an answer is on its way is pressed once it has arrived (the last one, if several),
  // so that nothing the person chose is lost; the button whose answer is on its way is not pressed twice.
  function press(action, label) {
    if (busy) {
      if (action !== pressed) pressWhenFree = { action, label };
      return;
    }
    const body = { action };
    post(body, showUser(label), keyFor(body));
  }

  let polling = false;

  async function poll() {
    if (polling) return; // one poll at a time, so no message is shown twice
    polling = true;
    const sentIn = epoch;
    const sentLive = live; // a poll sent before this tab had a session finds none, and that is no news
    try {
      const response = await fetch(`/api/v1/chat/messages?after=${lastPushed}`, { credentials: "same-origin" });
      if (response.ok) {
        const data = await response.json();
        if (sentIn !== epoch) return; // asked for the previous person: not theirs to see
        if (unstarted && !busy) {
          // The server answers again: the greeting that could not come on load comes now, with the menu.
          unstarted = false;
          start();
          return;
        }
        if (data.session === false) {
          if (sentLive && live) forget(ENDED_ELSEWHERE); // ended elsewhere (or expired) while shown here
          return;
        }
        live = true;
        const fresh = data.messages.filter((message) => message.id > lastPushed);
        for (const message of fresh) lastPushed = Math.max(lastPushed, message.id);
        reveal(fresh.map(showReply));
        if (fresh.length && document.hidden) document.title = `（新着の回答があります）${TITLE}`;
        sessionStorage.setItem(PUSHED, String(lastPushed));
      }
    } catch (error) {
      // Offline for a moment: the next poll tries again.
    } finally {
      polling = false;
    }
  }

  // The session is over: nothing of its conversation stays on screen, and answers on their way are dropped.
  function forget(notice) {
    epoch += 1;
    live = false;
    lastPushed = 0;
    sessionStorage.removeItem(PUSHED);
    log.replaceChildren();
    input.value = "";
    fitInput();
    sendWhenFree = false;
    pressWhenFree = null;
    showSystem(notice);
  }

  if (tabs) {
    tabs.addEventListener("message", (event) => {
      if (event.data === "ended") forget(ENDED_ELSEWHERE);
      else if (event.data && event.data.turn && live) {
        // A turn of this conversation in another tab of this browser (the same session).
        showUser(event.data.turn.line);
        reveal(event.data.turn.replies.map(showReply));
      }
    });
  }

  // The number of characters as the server counts them (code points, so an emoji is one).
  function length(text) {
    return [...text].length;
  }

  // The box grows with what is typed or pasted (up to the height the style sheet allows), and near the
  // limit it says how much is left; over it, what is too much, instead of the browser cutting it silently.
  function fitInput() {
    input.style.height = "auto";
    if (input.value) input.style.height = `${input.scrollHeight + 2}px`;
    const used = length(input.value.trim());
    count.classList.toggle("over", used > MAX_CHARS);
    if (used > MAX_CHARS) {
      count.textContent =
        `${MAX_CHARS.toLocaleString("ja-JP")}文字までお送りいただけます（現在${used.toLocaleString("ja-JP")}文字）。` +
        "長い場合は、分けてお送りください。";
    } else if (used > MAX_CHARS * 0.9) {
      count.textContent = `あと${(MAX_CHARS - used).toLocaleString("ja-JP")}文字入力できます。`;
    } else {
      count.textContent = "";
    }
  }

  input.addEventListener("input", fitInput);

  async function endSession() {
    const sure = window.confirm(
      "この端末での利用を終了します。\n" +
        "これまでの会話はこの画面から消え、この端末では担当者からの回答も表示されなくなります。\n" +
        "よろしいですか？"
    );
    if (!sure) return;
    end.disabled = true;
    try {
      const response = await fetch("/api/v1/chat/session", { method: "DELETE", credentials: "same-origin" });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        showSystem(data.message || "終了できませんでした。時間をおいてもう一度お試しください。");
        return;
      }
      forget("ご利用ありがとうございました。この端末での利用を終了しました。次の方は新しい会話として始められます。");
      if (tabs) tabs.postMessage("ended");
      typeHere();
      post({ action: "start" });
    } catch (error) {
      showSystem(UNREACHABLE);
    } finally {
      end.disabled = false;
    }
  }

  end.addEventListener("click", (event) => {
    event.preventDefault();
    endSession();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) {
      // Keep the text in the box and send it once the answer on its way has arrived, so nothing typed is lost.
      sendWhenFree = true;
      return;
    }
    const text = input.value;
    if (length(text.trim()) > MAX_CHARS) {
      fitInput(); // says what is too much; the text stays to be shortened
      input.focus();
      return;
    }
    input.value = "";
    fitInput();
    ask(text);
    typeHere();
  });

  input.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter breaks the line; Enter while converting kana (IME) does neither.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target) return;
    event.preventDefault();
    press(target.dataset.action, pressedLabel(target));
    typeHere();
  });

  window.addEventListener("focus", poll);
  window.addEventListener("online", poll); // the network is back: a greeting that failed comes at once
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) return;
    document.title = TITLE;
    poll();
  });

  // A reloaded page shows the conversation again (GET /api/v1/chat/history); a new one starts with the menu
  // (the action "start": nobody pressed it, so the history does not show it as the person's line). Out of
  // reach, the page says so and greets once a poll finds the server again (`unstarted`).
  async function start() {
    try {
      if (await showHistory("これまでの会話です。続けてご質問ください。", true)) return;
    } catch (error) {
      // No history to show: start as a new page does.
    }
    if (!(await post({ action: "start" }))) unstarted = true;
  }

  // The conversation as the server has it (GET /api/v1/chat/history), in place of what the log shows, with
  // ``notice``: at the top for a reloaded page (``first``), else at the end. False when there is none.
  async function showHistory(notice, first = false) {
    const response = await fetch("/api/v1/chat/history", { credentials: "same-origin" });
    const data = response.ok ? await response.json() : { lines: [] };
    if (!data.lines.length) return false;
    live = true;
    // Shown quietly (the log is live again a moment later, once the browser has taken these in): a
    // screen reader announces what is new, not forty lines read before, and then only the notice.
    log.setAttribute("aria-live", "off");
    log.replaceChildren();
    for (const line of data.lines) {
      if (line.role === "user") log.append(element("div", "message user", line.text));
      else showReply(line);
    }
    retire();
    const shownIn = epoch;
    setTimeout(() => {
      log.removeAttribute("aria-live");
      if (shownIn !== epoch) return;
      const said = element("div", "message system", notice);
      if (first) log.prepend(said);
      else log.append(said);
      scrollDown();
    }, QUIET_MS);
    lastPushed = Math.max(lastPushed, data.last_pushed || 0);
    sessionStorage.setItem(PUSHED, String(lastPushed));
    scrollDown();
    return true;
  }

  typeHere();
  start().then(poll);
  setInterval(poll, POLL_MS);
})();
