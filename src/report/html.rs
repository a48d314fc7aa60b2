//! The HTML report: one self-contained page to read findings in context.
//!
//! Each event shows its documents side by side (stacked on narrow screens)
//! with every claim of a finding highlighted in its article, coloured by
//! verdict (background) and kind (underline). Clicking a finding scrolls each
//! article to its evidence. CSS and JavaScript are inline and nothing is
//! fetched when the page is viewed, so the file can be mailed or archived.
//!
//! The page is written by hand through [`esc`] rather than with a template
//! crate: it is one page with a handful of loops, every piece of article text
//! goes through the same escaping function, and the build stays small.
//! Opening the page with `#selftest` scrolls every article to its end,
//! clicks the first finding and writes whether each article then shows that
//! finding's evidence into `<pre id="selftest">`, which the headless-browser
//! test reads.

use std::fmt::Write as _;

use super::{DocumentOut, FindingOut, Report, kind_name, verdict_name};
use crate::compare::Verdict;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// One finding or agreement with the id the page knows it by.
struct Item<'a> {
    id: String,
    finding: &'a FindingOut,
}

/// The report as one HTML page.
pub fn render(report: &Report) -> String {
    let items: Vec<Item<'_>> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| Item {
            id: format!("f{i}"),
            finding: f,
        })
        .chain(report.agreements.iter().enumerate().map(|(i, f)| Item {
            id: format!("a{i}"),
            finding: f,
        }))
        .collect();
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(HEAD);
    let _ = write!(
        out,
        "<header><h1>claimdiff report</h1><p class=\"summary\">{}</p>{}</header>\n<main>\n",
        esc(&report.summary()),
        LEGEND
    );
    for event in &report.events {
        let docs = report.documents_of(event);
        let tally = report.tally(event);
        let _ = write!(
            out,
            "<section class=\"event\" id=\"event-{id}\">\n<h2>Event {id}</h2>\n\
             <p class=\"tally\"><span class=\"n v-conflict\">{c} conflicts</span> \
             <span class=\"n v-variation\">{v} variations</span> \
             <span class=\"n v-agreement\">{a} agreements</span> \
             <span class=\"n single\">{s} single-source claims</span></p>\n",
            id = esc(&event.id),
            c = tally.conflicts,
            v = tally.variations,
            a = tally.agreements,
            s = tally.single_source,
        );
        let mine: Vec<&Item<'_>> = items
            .iter()
            .filter(|i| i.finding.event == event.id)
            .collect();
        findings_list(&mut out, &mine);
        out.push_str("<div class=\"docs\">\n");
        for doc in docs {
            document(&mut out, doc, &items);
        }
        out.push_str("</div>\n</section>\n");
    }
    let across: Vec<&Item<'_>> = items
        .iter()
        .filter(|i| i.finding.event.is_empty())
        .collect();
    if !across.is_empty() {
        out.push_str("<section class=\"event\" id=\"across\">\n<h2>Across events</h2>\n");
        findings_list(&mut out, &across);
        out.push_str("</section>\n");
    }
    if !report.problems.is_empty() {
        out.push_str("<section class=\"problems\"><h2>Problems</h2><ul>\n");
        for p in &report.problems {
            let _ = writeln!(out, "<li>{}</li>", esc(&p.to_string()));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</main>\n<pre id=\"selftest\" hidden></pre>\n");
    out.push_str(SCRIPT);
    out.push_str("</body>\n</html>\n");
    out
}

fn classes(f: &FindingOut) -> String {
    format!("v-{} k-{}", verdict_name(f.verdict), kind_name(f.kind))
}

fn findings_list(out: &mut String, items: &[&Item<'_>]) {
    if items.is_empty() {
        out.push_str("<p class=\"none\">No finding: the outlets' claims do not overlap.</p>\n");
        return;
    }
    out.push_str("<ol class=\"findings\">\n");
    for item in items {
        let f = item.finding;
        let wording: Vec<String> = f
            .claims
            .iter()
            .map(|c| {
                format!(
                    "<span class=\"doc\">{}</span> \u{201c}{}\u{201d}",
                    esc(&c.document),
                    esc(&c.text)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<li><button type=\"button\" class=\"finding {cls}\" data-show=\"{id}\">\
             <span class=\"badge verdict\">{verdict}</span> <span class=\"badge kind\">{kind}</span> \
             <b class=\"subject\">{subject}</b> <span class=\"why\">{why}</span>\
             <span class=\"wording\">{wording}</span></button></li>",
            cls = classes(f),
            id = item.id,
            verdict = verdict_name(f.verdict),
            kind = kind_name(f.kind),
            subject = esc(&f.subject),
            why = esc(&f.explanation),
            wording = wording.join("<br>"),
        );
    }
    out.push_str("</ol>\n");
}

/// A highlight in a document's cleaned text.
struct Mark<'a> {
    start: usize,
    end: usize,
    /// The finding's page id; `None` for a claim only this outlet makes.
    item: Option<&'a Item<'a>>,
}

fn rank(m: &Mark<'_>) -> u8 {
    match m.item.map(|i| i.finding.verdict) {
        Some(Verdict::Conflict) => 0,
        Some(Verdict::Variation) => 1,
        Some(Verdict::Agreement) => 2,
        None => 3,
    }
}

fn document(out: &mut String, doc: &DocumentOut, items: &[Item<'_>]) {
    let text = doc.text.as_str();
    let valid = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut marks: Vec<Mark<'_>> = Vec::new();
    for item in items {
        for c in item.finding.claims.iter().filter(|c| c.document == doc.id) {
            let (s, e) = (c.clean_start as usize, c.clean_end as usize);
            if valid(s, e) {
                marks.push(Mark {
                    start: s,
                    end: e,
                    item: Some(item),
                });
            }
        }
    }
    for &(s, e) in &doc.claim_spans {
        let (s, e) = (s as usize, e as usize);
        if valid(s, e) && !marks.iter().any(|m| m.start < e && s < m.end) {
            marks.push(Mark {
                start: s,
                end: e,
                item: None,
            });
        }
    }
    let title = match &doc.meta.outlet {
        Some(outlet) => format!(
            "{} <span class=\"outlet\">{}</span>",
            esc(&doc.id),
            esc(outlet)
        ),
        None => esc(&doc.id),
    };
    let _ = write!(
        out,
        "<article class=\"document\" id=\"doc-{id}\"><h3>{title}</h3><p class=\"path\">{path}</p>\n<div class=\"text\">",
        id = esc(&doc.id),
        path = esc(&doc.path),
    );
    // Cut the text at every highlight boundary; each piece is wrapped in the
    // strongest highlight covering it and names every finding it belongs to.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(marks.iter().flat_map(|m| [m.start, m.end]));
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (s, e) = (pair[0], pair[1]);
        let piece = esc(&text[s..e]);
        let mut covering: Vec<&Mark<'_>> = marks
            .iter()
            .filter(|m| m.start <= s && e <= m.end)
            .collect();
        covering.sort_by_key(|m| rank(m));
        match covering.first() {
            None => out.push_str(&piece),
            Some(m) => match m.item {
                None => {
                    let _ = write!(
                        out,
                        "<span class=\"single\" title=\"a claim only this outlet makes\">{piece}</span>"
                    );
                }
                Some(item) => {
                    let ids: Vec<&str> = covering
                        .iter()
                        .filter_map(|m| m.item.map(|i| i.id.as_str()))
                        .collect();
                    let _ = write!(
                        out,
                        "<mark class=\"{}\" data-f=\"{}\" title=\"{}\">{piece}</mark>",
                        classes(item.finding),
                        ids.join(" "),
                        esc(&item.finding.subject)
                    );
                }
            },
        }
    }
    out.push_str("</div></article>\n");
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="claimdiff">
<title>claimdiff report</title>
<style>
:root{--conflict:#f8b4b4;--conflict-ink:#9b1c1c;--variation:#fde68a;--variation-ink:#8a5a00;--agreement:#bbf7d0;--agreement-ink:#166534;--numeric:#1d4ed8;--attribution:#7e22ce;--framing:#0f766e;--line:#d4d4d8;--muted:#52525b}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#18181b;background:#fafafa}
header{padding:1rem 1.5rem;background:#fff;border-bottom:1px solid var(--line)}
h1{margin:0 0 .25rem;font-size:1.4rem}
main{padding:0 1.5rem 2rem}
.summary{margin:.25rem 0;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.5rem 0 0;padding:0;list-style:none;font-size:.85rem}
.legend li{display:flex;align-items:center;gap:.35rem}
.swatch{display:inline-block;width:1.6rem;height:1rem;border-radius:3px}
.event{margin:1.5rem 0;padding:1rem;background:#fff;border:1px solid var(--line);border-radius:8px}
.event h2{margin:0 0 .5rem;font-size:1.15rem}
.tally{margin:0 0 .75rem;display:flex;flex-wrap:wrap;gap:.5rem}
.n{padding:.1rem .5rem;border-radius:999px;font-size:.85rem}
.findings{margin:0 0 1rem;padding:0;list-style:none;display:grid;gap:.4rem}
.finding{display:block;width:100%;text-align:left;font:inherit;cursor:pointer;padding:.5rem .75rem;border:1px solid var(--line);border-left-width:6px;border-radius:6px;background:#fff}
.finding:hover,.finding:focus-visible{background:#f4f4f5;outline:2px solid #a1a1aa}
.finding.active{outline:2px solid #18181b}
.finding .why{color:var(--muted)}
.finding .wording{display:block;font-size:.9rem;margin-top:.2rem}
.doc{font-family:ui-monospace,monospace;font-size:.85em;color:var(--muted)}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
.v-conflict.finding{border-left-color:var(--conflict-ink)}
.v-variation.finding{border-left-color:var(--variation-ink)}
.v-agreement.finding{border-left-color:var(--agreement-ink)}
.v-conflict .verdict,.n.v-conflict,.swatch.v-conflict{background:var(--conflict);color:var(--conflict-ink)}
.v-variation .verdict,.n.v-variation,.swatch.v-variation{background:var(--variation);color:var(--variation-ink)}
.v-agreement .verdict,.n.v-agreement,.swatch.v-agreement{background:var(--agreement);color:var(--agreement-ink)}
.k-numeric .kind{color:#fff;background:var(--numeric)}
.k-attribution .kind{color:#fff;background:var(--attribution)}
.k-framing .kind{color:#fff;background:var(--framing)}
.docs{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
.document{border:1px solid var(--line);border-radius:6px;min-width:0}
.document h3{margin:0;padding:.5rem .75rem 0;font-size:1rem}
.outlet{font-weight:400;color:var(--muted)}
.path{margin:0;padding:0 .75rem .4rem;font-size:.8rem;color:var(--muted);font-family:ui-monospace,monospace;overflow-wrap:anywhere;border-bottom:1px solid var(--line)}
.text{position:relative;max-height:28rem;overflow:auto;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,"Times New Roman",serif;font-size:1rem;line-height:1.6}
mark{cursor:pointer;border-radius:2px;border-bottom:3px solid transparent;padding:0 1px;color:inherit}
mark.v-conflict{background:var(--conflict)}
mark.v-variation{background:var(--variation)}
mark.v-agreement{background:var(--agreement)}
.swatch.k-numeric,.swatch.k-attribution,.swatch.k-framing{background:#f4f4f5;border-bottom:3px solid}
mark.k-numeric,.swatch.k-numeric{border-bottom-color:var(--numeric)}
mark.k-attribution,.swatch.k-attribution{border-bottom-color:var(--attribution)}
mark.k-framing,.swatch.k-framing{border-bottom-color:var(--framing)}
mark.active{outline:2px solid #18181b;outline-offset:1px}
.single,.swatch.single{text-decoration:underline dotted #71717a;text-underline-offset:3px}
.n.single{background:#f4f4f5;color:var(--muted);text-decoration:none}
.none{color:var(--muted)}
.problems{margin:1.5rem 0;color:var(--conflict-ink)}
@media (max-width:48rem){main{padding:0 .5rem 1rem}.event{padding:.6rem}.docs{grid-template-columns:1fr}}
</style>
</head>
<body>
"#;

const LEGEND: &str = r#"<ul class="legend" aria-label="legend">
<li><span class="swatch v-conflict"></span>conflict: both cannot be true</li>
<li><span class="swatch v-variation"></span>variation: both can be true, the outlets differ</li>
<li><span class="swatch v-agreement"></span>agreement: the outlets corroborate each other</li>
<li><span class="swatch single">abc</span>claim only one outlet makes</li>
<li><span class="swatch k-numeric"></span>numeric</li>
<li><span class="swatch k-attribution"></span>attribution</li>
<li><span class="swatch k-framing"></span>framing</li>
</ul>
"#;

const SCRIPT: &str = r##"<script>
(function () {
  "use strict";
  // Scrolls every article holding evidence of finding `id` to that evidence.
  function show(id, instant) {
    document.querySelectorAll("mark.active, .finding.active").forEach(function (el) {
      el.classList.remove("active");
    });
    var button = document.querySelector('.finding[data-show="' + id + '"]');
    if (button) { button.classList.add("active"); }
    var boxes = [];
    document.querySelectorAll("mark[data-f]").forEach(function (m) {
      if (m.getAttribute("data-f").split(" ").indexOf(id) < 0) { return; }
      m.classList.add("active");
      var box = m.closest(".text");
      if (!box || boxes.indexOf(box) >= 0) { return; }
      boxes.push(box);
      var top = Math.max(0, m.offsetTop - box.clientHeight / 3);
      box.scrollTo({ top: top, behavior: instant ? "auto" : "smooth" });
    });
    if (boxes.length) {
      var docs = boxes[0].closest(".docs");
      var r = docs.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) {
        docs.scrollIntoView({ block: "start", behavior: instant ? "auto" : "smooth" });
      }
    }
    return boxes;
  }
  var selftest = location.hash === "#selftest";
  document.querySelectorAll(".finding[data-show]").forEach(function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-show"), selftest); });
  });
  // Clicking a highlight shows its finding: the strongest one it belongs to.
  document.querySelectorAll("mark[data-f]").forEach(function (m) {
    m.addEventListener("click", function () {
      var id = m.getAttribute("data-f").split(" ")[0];
      show(id, selftest);
      var button = document.querySelector('.finding[data-show="' + id + '"]');
      if (button) { button.focus({ preventScroll: true }); }
    });
  });
  // `#selftest`: click the first finding, then record whether each article
  // shows its evidence, for the headless-browser test.
  if (selftest) {
    var out = document.getElementById("selftest");
    var first = document.querySelector(".finding[data-show]");
    var result = { finding: null, boxes: 0, visible: 0 };
    if (first) {
      var id = first.getAttribute("data-show");
      result.finding = id;
      // Start from the end of every article, so evidence in view after the
      // click is evidence the click scrolled to.
      document.querySelectorAll(".text").forEach(function (box) { box.scrollTop = box.scrollHeight; });
      first.click();
      document.querySelectorAll(".text").forEach(function (box) {
        var m = Array.prototype.find.call(box.querySelectorAll("mark[data-f]"), function (m) {
          return m.getAttribute("data-f").split(" ").indexOf(id) >= 0;
        });
        if (!m) { return; }
        result.boxes += 1;
        var b = box.getBoundingClientRect(), r = m.getBoundingClientRect();
        if (r.top >= b.top && r.bottom <= b.bottom) { result.visible += 1; }
      });
    }
    result.ok = result.boxes >= 2 && result.visible === result.boxes;
    out.textContent = "selftest " + (result.ok ? "pass " : "fail ") + JSON.stringify(result);
    out.hidden = false;
  }
})();
</script>
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x">Tom's & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
    }
}
