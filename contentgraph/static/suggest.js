// Suggest concepts and articles as you type; the form works the same without this script.
(function () {
  const input = document.querySelector("input[data-suggest]");
  const list = input && document.getElementById(input.getAttribute("list"));
  if (!list) return;
  let timer = null;
  let latest = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return;
    timer = setTimeout(async function () {
      const asked = ++latest;
      let hits;
      try {
        const url = input.dataset.suggest + "?q=" + encodeURIComponent(text);
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        hits = await response.json();
      } catch (error) {
        return;  // suggestions are a convenience: the search button still works
      }
      if (asked !== latest) return;  // a newer request is on its way
      list.replaceChildren(...hits.map(function (hit) {
        const option = document.createElement("option");
        option.value = hit.label;  // value and textContent are never parsed as HTML
        option.textContent = hit.kind === "concept" ? "concept" : "article";
        return option;
      }));
    }, 150);
  });
})();
