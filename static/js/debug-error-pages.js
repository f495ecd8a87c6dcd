// Loaded in DEBUG only. Every htmx request here is answered with a fragment, refusals (4xx)
// included, and htmx swaps it in place (see the htmx-config meta in base.html). A whole HTML
// document in reply is not one of ours: it is Django's technical 404 or 500 page, which a
// developer wants to read in full, so it replaces the page.
document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  if (xhr.status < 400) return;
  const start = xhr.responseText.trimStart().slice(0, 15).toLowerCase();
  if (!start.startsWith("<!doctype html") && !start.startsWith("<html")) return;
  event.detail.shouldSwap = false;
  document.open();
  document.write(xhr.responseText);
  document.close();
});
