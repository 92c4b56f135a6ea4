// Suggest concepts and articles as you type; the form works the same without this script.
(function () {
  const input = document.querySelector("input[data-suggest]");
  const list = input && document.getElementById(input.getAttribute("list"));
  if (!list) return;
  let timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return;
    timer = setTimeout(async function () {
      const url = input.dataset.suggest + "?q=" + encodeURIComponent(text);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const hits = await response.json();
      list.replaceChildren(...hits.map(function (hit) {
        const option = document.createElement("option");
        option.value = hit.label;  // textContent and value are never parsed as HTML
        option.textContent = hit.kind === "concept" ? "concept" : "article";
        return option;
      }));
    }, 150);
  });
})();
