/* Keyboard shortcuts of the duplicate review queue: j / k move between pairs, d o c u choose
   the decision of the pair in focus, r goes to its reason, Ctrl+Enter saves it. Keys typed into
   a field are the field's, except Ctrl+Enter. */
(function () {
  "use strict";
  var pairs = Array.prototype.slice.call(document.querySelectorAll("section.pair"));
  if (!pairs.length) { return; }
  var verdicts = { d: "duplicate", o: "overlapping", c: "complementary", u: "unrelated" };
  var current = 0;
  function focus(index) {
    current = Math.max(0, Math.min(pairs.length - 1, index));
    pairs[current].focus();
    pairs[current].scrollIntoView({ block: "start" });
  }
  function inField(target) {
    return target.matches && target.matches("input[type=text], textarea, select");
  }
  document.addEventListener("keydown", function (event) {
    var pair = pairs[current];
    var inside = pairs.indexOf(event.target.closest ? event.target.closest("section.pair") : null);
    if (inside >= 0) { current = inside; pair = pairs[current]; }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      pair.querySelector("form").requestSubmit();
      return;
    }
    if (inField(event.target) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "j") { focus(current + 1); }
    else if (event.key === "k") { focus(current - 1); }
    else if (event.key === "r") { event.preventDefault(); pair.querySelector("textarea").focus(); }
    else if (verdicts[event.key]) {
      var choice = pair.querySelector("input[type=radio][value=" + verdicts[event.key] + "]");
      if (choice) { choice.checked = true; choice.focus(); }
    } else { return; }
  });
}());
