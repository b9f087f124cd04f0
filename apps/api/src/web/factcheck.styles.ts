/** The page's stylesheet: system fonts only (with Khmer-capable ones), readable from 320 px up. */
export const FACTCHECK_CSS = `
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0969da;
--ok:#1a7f37;--under:#9a6700;--bad:#cf222e;
--font:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Khmer","Khmer OS System","Khmer OS","Khmer UI","Khmer Sangam MN","Leelawadee UI",Arial,sans-serif;
--font-km:"Noto Sans Khmer","Noto Serif Khmer","Khmer OS System","Khmer OS","Khmer UI","Khmer Sangam MN","Leelawadee UI",system-ui,sans-serif}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:var(--font);color:var(--fg);background:var(--bg);line-height:1.5;font-size:1rem}
:lang(km){font-family:var(--font-km);line-height:1.8}
a{color:var(--accent)}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
header.site,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header.site{padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
header.site h1{font-size:1.6rem;margin:.2rem 0}
header.site p{margin:.2rem 0;color:var(--muted)}
[hidden]{display:none!important}
ul.top{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 0;padding:0;list-style:none}
h2{font-size:1.35rem;margin:1.6rem 0 .5rem}
h2[tabindex]:focus{outline:none}
section{scroll-margin-top:.5rem}
.muted{color:var(--muted)}
#status{min-height:1.5rem;margin:.5rem 0}
#status.error{color:var(--bad);font-weight:600}
form#filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem 1rem;align-items:end;background:var(--soft);border:1px solid var(--line);border-radius:8px;padding:1rem}
form#filters label{display:block;font-weight:600;font-size:.9rem;margin-bottom:.2rem}
select,input,button,.button{font:inherit;font-size:1rem}
select,input{width:100%;min-height:2.5rem;padding:.3rem .4rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:var(--fg)}
button,.button{display:inline-block;min-height:2.5rem;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;text-decoration:none;cursor:pointer;line-height:1.4}
.button.secondary,button.secondary{background:#fff;color:var(--accent)}
.form-actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;grid-column:1/-1}
label [lang=km],h2 [lang=km]{line-height:1}
#chart-box{width:100%;overflow:hidden;margin:.5rem 0}
#chart-box svg{display:block;max-width:100%;height:auto}
.chart-svg a:focus{outline:none}
.chart-svg a:focus rect{stroke:#f59e0b;stroke-width:3}
.chart-svg a:focus path{stroke:#f59e0b;stroke-width:3}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.25rem 0;list-style:none;font-size:.9rem;color:var(--muted)}
.legend .sw{display:inline-block;width:1.1rem;height:.8rem;vertical-align:middle;margin-right:.35rem;border-radius:2px}
.sw.band{background:rgba(9,105,218,.3)}.sw.line{background:#0969da;height:3px}
.sw.ok{background:var(--ok)}.sw.under{background:var(--under)}.sw.bad{background:var(--bad)}
details{margin:.5rem 0}summary{cursor:pointer;color:var(--accent)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
td{font-variant-numeric:tabular-nums}
ol.timeline{list-style:none;margin:0;padding:0;border-left:3px solid var(--line)}
li.moment{margin:0 0 1rem;padding-left:1rem;position:relative}
li.moment::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--accent)}
h3.when{font-size:1rem;margin:0 0 .5rem;color:var(--muted)}
article.figure{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:8px;padding:.75rem 1rem;margin:0 0 .75rem;background:#fff}
article.figure:focus{outline:3px solid #f59e0b}
article.figure[data-verdict=CORROBORATED]{border-left-color:var(--ok)}
article.figure[data-verdict=UNDER_RECORDED]{border-left-color:var(--under)}
article.figure[data-verdict=CONTRADICTED]{border-left-color:var(--bad)}
article.figure header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;align-items:baseline}
article.figure h3{margin:0;font-size:1.1rem;font-weight:500}
.claim{font-size:1.5rem;font-weight:700;margin-right:.25rem}
.verdict{margin:0;font-weight:700;padding:.1rem .6rem;border-radius:999px;border:2px solid currentColor;white-space:nowrap}
.verdict-corroborated{color:var(--ok)}.verdict-under_recorded{color:var(--under)}.verdict-contradicted{color:var(--bad)}.verdict-unchecked{color:var(--muted)}
blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:4px solid var(--line);background:var(--soft);font-style:italic}
dl.numbers{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:.5rem 0}
dl.numbers div{min-width:6rem}
dl.numbers dt{font-size:.85rem;color:var(--muted)}
dl.numbers dd{margin:0;font-size:1.25rem;font-weight:700;font-variant-numeric:tabular-nums}
.explain{margin:.25rem 0}
ul.consistency{margin:.5rem 0;padding-left:1.25rem}
li.issue{color:var(--bad)}li.consistent{color:var(--ok)}
.family{font-size:.95rem}
.links{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 0}
.records-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
ol.records{list-style:none;padding:0;margin:.5rem 0}
li.record{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:0 0 .75rem}
li.record h3{margin:0 0 .25rem;font-size:1.1rem}
li.record p{margin:.25rem 0}
ul.citations{list-style:none;padding:0;margin:.5rem 0 0}
.cite-src{font-size:.9rem;color:var(--muted)}
footer{margin-top:2rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media (max-width:480px){.claim{font-size:1.3rem}header.site h1{font-size:1.35rem}article.figure,li.record{padding:.6rem .7rem}}
`;
