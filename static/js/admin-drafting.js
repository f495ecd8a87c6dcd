// Drafting takes a few seconds: say so, and keep the button from being pressed twice.
document.addEventListener("submit", (event) => {
  const form = event.target.closest(".draft-form");
  if (!form) return;
  const button = form.querySelector("button");
  button.disabled = true;
  form.querySelector(".draft-busy").textContent = form.dataset.busyLabel;
});
