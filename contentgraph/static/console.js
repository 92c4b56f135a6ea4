// Runs the console's query in the page (POST /graphql) and shows the JSON answer; without this
// script the form still works: the browser opens the answer itself.
(function () {
  const form = document.getElementById("console");
  if (!form) return;
  const status = document.getElementById("status");
  const answer = document.getElementById("answer");
  const query = document.getElementById("query");
  const variables = document.getElementById("variables");

  async function run(event) {
    if (event) event.preventDefault();
    let values = {};
    if (variables.value.trim()) {
      try {
        values = JSON.parse(variables.value);
      } catch (error) {
        status.textContent = "The variables are not valid JSON: " + error.message;
        answer.textContent = "";
        return;
      }
    }
    status.textContent = "Running...";
    const started = performance.now();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ query: query.value, variables: values }),
      });
      const text = await response.text();
      let shown = text;
      let errors = 0;
      try {
        const parsed = JSON.parse(text);
        shown = JSON.stringify(parsed, null, 2);
        errors = (parsed.errors || []).length;
      } catch (error) {
        // not JSON: show the text as it came
      }
      const took = Math.round(performance.now() - started);
      status.textContent = "HTTP " + response.status + " in " + took + " ms" +
        (errors ? ", " + errors + " error" + (errors > 1 ? "s" : "") : "");
      answer.textContent = shown;  // text, never parsed as HTML
    } catch (error) {
      status.textContent = "The server did not answer: " + error.message;
      answer.textContent = "";
    }
  }

  form.addEventListener("submit", run);
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
})();
