"""The web page export's style sheet and script, inline in every page (no file, no network).

The script only moves notes level with their passages, filters them by tag and marks the
passage of the note under the pointer; without it the page reads the same, each note at the
top of its paragraph.
"""

from __future__ import annotations

CSS = """
:root { --margin: 19rem; --ink: #1d1d1f; --paper: #ffffff; --muted: #6b6b70; --rule: #e1e1e6;
  --note: #fffbe6; --note-edge: #e6c200; --noted: #fff3a8; --review: #ffd7a8; }
* { box-sizing: border-box; }
html { scroll-behavior: auto; }
body { margin: 0; color: var(--ink); background: var(--paper);
  font: 16px/1.75 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
header.top { padding: 1rem 2rem .5rem; border-bottom: 1px solid var(--rule); }
header.top h1 { margin: 0 0 .25rem; font-size: 1.5rem; line-height: 1.4; }
.meta { color: var(--muted); margin: 0 0 .5rem; font-size: .9rem; }
.legend, .filter { display: flex; flex-wrap: wrap; gap: .35rem .5rem; align-items: center;
  margin: .35rem 0; font-size: .85rem; }
.legend .label, .filter .label { color: var(--muted); margin-right: .25rem; }
.filter button { font: inherit; border: 1px solid var(--rule); background: var(--paper);
  color: var(--ink); border-radius: 1rem; padding: 0 .7rem; cursor: pointer; }
.filter button[aria-pressed="true"] { background: var(--ink); color: var(--paper); }
.layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); }
nav.toc { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto;
  padding: 1rem 1rem 2rem 1.25rem; border-right: 1px solid var(--rule); font-size: .88rem;
  line-height: 1.5; }
nav.toc h2 { font-size: 1rem; margin: 0 0 .5rem; }
nav.toc ol { list-style: none; margin: 0; padding-left: .9rem; }
nav.toc > ol { padding-left: 0; }
nav.toc li { margin: .15rem 0; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
main { padding: 1rem 2rem 4rem; min-width: 0; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) var(--margin); column-gap: 1.5rem;
  scroll-margin-top: .5rem; }
.row > .text { margin: 0 0 .6rem; overflow-wrap: anywhere; }
.row > h1.text { font-size: 1.6rem; text-align: center; margin: .5rem 0 1rem; }
.row > h2.text { font-size: 1.3rem; margin: 1.2rem 0 .5rem; }
.row > h3.text { font-size: 1.12rem; margin: .9rem 0 .4rem; }
.row > h4.text, .row > h5.text, .row > h6.text { font-size: 1rem; margin: .7rem 0 .3rem; }
.row > .cells { font-size: .92rem; white-space: pre-wrap; }
.row:target > .text { outline: 2px solid var(--note-edge); outline-offset: 3px; }
.seg.noted { background: var(--noted); border-bottom: 2px solid var(--note-edge); }
.seg.noted.review { background: var(--review); }
.seg.noted.dim { background: transparent; border-bottom-color: transparent; }
.seg.noted.hot { outline: 2px solid var(--note-edge); }
aside.notes { font: 13.5px/1.5 system-ui, sans-serif; min-width: 0; }
.note { background: var(--note); border-left: 3px solid var(--note-edge); padding: .35rem .6rem;
  margin: 0 0 .5rem; border-radius: 0 4px 4px 0; overflow-wrap: anywhere; }
.note.review { border-left-color: #e07b00; }
.note.hot { box-shadow: 0 0 0 2px var(--note-edge); }
.note .quote { color: var(--muted); margin: 0 0 .2rem; font-size: .85em; }
.note .body { white-space: pre-wrap; margin: 0; }
.note .body.empty { color: var(--muted); font-style: italic; }
.note .tags { margin-top: .25rem; display: flex; flex-wrap: wrap; gap: .25rem; }
.tag { background: #ececf1; border-radius: .6rem; padding: 0 .45rem; font-size: .85em; }
.note .info { color: var(--muted); font-size: .8em; margin-top: .2rem; }
.warn { color: #a04800; }
.note .status { font-size: .8em; color: var(--muted); }
.note .status-review, .note .status-orphan { color: #a04800; font-weight: bold; }
section.orphans { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: .5rem; }
section.orphans .note { max-width: 40rem; }
.fig { border-radius: 2px; padding: 0 1px; }
@media (max-width: 60rem) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  nav.toc { position: static; max-height: none; border-right: 0;
    border-bottom: 1px solid var(--rule); }
  .row { grid-template-columns: minmax(0, 1fr); }
  .note { margin-top: 0 !important; }
}
@media print {
  :root { --margin: 15rem; }
  body { font-size: 11pt; }
  nav.toc, .filter { display: none; }
  .layout { display: block; }
  main { padding: 0; }
  .note { margin-top: 0 !important; break-inside: avoid; }
  .row > h2.text, .row > h3.text { break-after: avoid; }
  .fig, .seg.noted, .note, .tag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .note[hidden] { display: block; }
  .seg.noted.dim { background: var(--noted); border-bottom-color: var(--note-edge); }
  a { color: inherit; text-decoration: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var notes = Array.prototype.slice.call(document.querySelectorAll(".note"));
  var asides = Array.prototype.slice.call(document.querySelectorAll("aside.notes"));
  function passage(k) { return document.querySelectorAll('.seg[data-n~="' + k + '"]'); }
  function tags(note) {
    return Array.prototype.map.call(note.querySelectorAll(".tag"), function (t) {
      return t.textContent;
    });
  }
  // Each note level with the first line of its passage, below the note before it.
  function place() {
    asides.forEach(function (aside) {
      var shown = Array.prototype.filter.call(aside.children, function (n) { return !n.hidden; });
      shown.forEach(function (n) { n.style.marginTop = ""; });
      var text = aside.previousElementSibling;
      if (!text || aside.getBoundingClientRect().left < text.getBoundingClientRect().right) {
        return; // one column: the notes follow their paragraph
      }
      shown.forEach(function (n) {
        var first = passage(n.getAttribute("data-k"))[0];
        if (!first) { return; }
        var want = first.getBoundingClientRect().top - n.getBoundingClientRect().top;
        if (want > 1) { n.style.marginTop = want + "px"; }
      });
    });
  }
  function filter(button) {
    var all = button.hasAttribute("data-all"), none = button.hasAttribute("data-none");
    var tag = button.getAttribute("data-tag");
    notes.forEach(function (n) {
      var t = tags(n);
      var show = all || (none ? t.length === 0 : t.indexOf(tag) >= 0);
      n.hidden = !show;
      Array.prototype.forEach.call(passage(n.getAttribute("data-k")), function (s) {
        s.classList.toggle("dim", !show);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".filter button"), function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    place();
  }
  Array.prototype.forEach.call(document.querySelectorAll(".filter button"), function (b) {
    b.addEventListener("click", function () { filter(b); });
  });
  notes.forEach(function (n) {
    function hot(on) {
      n.classList.toggle("hot", on);
      Array.prototype.forEach.call(passage(n.getAttribute("data-k")), function (s) {
        s.classList.toggle("hot", on);
      });
    }
    n.addEventListener("mouseenter", function () { hot(true); });
    n.addEventListener("mouseleave", function () { hot(false); });
  });
  window.addEventListener("resize", place);
  window.addEventListener("load", place);
  place();
})();
"""
