// Live sessions: the countdown, and polling that survives a failed request. A convenience
// only: the server closes each question at its time whatever this shows. No inline script,
// no eval: everything it needs comes from data-* attributes.
(() => {
  document.documentElement.classList.add("js-live");

  let timerId = null;
  const startTimer = () => {
    clearTimeout(timerId);
    const timer = document.querySelector(".live-timer");
    if (!timer) return;
    const seconds = timer.querySelector(".live-seconds");
    const status = timer.querySelector(".live-timer-status");
    // The device's clock may be wrong: count from the server's time at rendering.
    const skew = Date.now() - Number(timer.dataset.serverNow);
    const closesAt = Number(timer.dataset.closesAt) + skew;
    let announcedTen = false;
    const tick = () => {
      if (!timer.isConnected) return;
      const left = Math.max(0, Math.ceil((closesAt - Date.now()) / 1000));
      seconds.textContent = String(left);
      if (left <= 10 && left > 0 && !announcedTen) {
        announcedTen = true;
        status.textContent = timer.dataset.tenLeft;
      }
      if (left === 0) {
        status.textContent = timer.dataset.timeUp;
        timer.classList.add("is-over");
        // Ask the server at once rather than at the next poll: the question has closed.
        const poll = document.querySelector("#live-stage > .live-poll");
        if (poll && window.htmx) window.htmx.trigger(poll, "live-countdown-end");
        return;
      }
      timerId = setTimeout(tick, 250);
    };
    tick();
  };

  document.addEventListener("DOMContentLoaded", startTimer);
  document.addEventListener("htmx:afterSettle", startTimer);

  // A failed poll (a server restarting, a network hiccup) must not replace the stage with an
  // error and end the polling: keep the page and ask again at the next tick.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && source.classList.contains("live-poll") && event.detail.xhr.status >= 500) {
      event.detail.shouldSwap = false;
    }
  });
})();
