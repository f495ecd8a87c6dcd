// A convenience only: the server closes the attempt at its deadline whatever this shows.
(() => {
  const left = document.querySelector(".countdown-left");
  if (!left) return;
  const deadline = Number(left.dataset.deadline) * 1000;
  const tick = () => {
    const seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const m = Math.floor(seconds / 60);
    const s = String(seconds % 60).padStart(2, "0");
    left.textContent = `(${m}:${s})`;
    if (seconds > 0) setTimeout(tick, 1000);
  };
  tick();
})();
