"""Your articles: upload files (or fetch one URL where the host allows it), see
what was built and every problem, then choose which articles the pages show."""

from __future__ import annotations

import streamlit as st

from etl.inputs import Columns
from ui import display, downloads, filters, loaders, upload

st.set_page_config(page_title="Your articles · Sanctions & alliances", page_icon="📤",
                   layout="wide")
limit = int(st.get_option("server.maxUploadSize"))
allow_urls, allow_private = upload.url_settings()

st.title("Your articles")
st.caption("Upload news articles and the dashboard reads them as `python -m etl build` does. They stay in this "
           "browser session only, in a temporary folder on the server; nothing is written to the repository "
           "and nobody else sees them.")

files = st.file_uploader(
    "Article files", type=list(upload.TYPES), accept_multiple_files=True, key="upload_files",
    help=f"Up to {limit} MB per file. JSON (an object or a list), JSON Lines, CSV, plain text, Markdown, "
         "HTML pages and RSS/Atom feeds: one article per object, row, feed item or text file.")
st.caption(f"Files up to {limit} MB each: {', '.join('.' + t for t in upload.TYPES)}.")
url_help = ("A feed (RSS/Atom) or a web page, fetched by the server. "
            + ("Private and loopback addresses are allowed (DASHBOARD_ALLOW_PRIVATE_URLS=1: local use only)."
               if allow_private else "Private and loopback addresses are refused unless the app runs with "
               "DASHBOARD_ALLOW_PRIVATE_URLS=1 (local use only).")
            if allow_urls else "Off on this host: fetching URLs is off by default on a hosted link. Whoever runs "
            "the app can turn it on with the environment variable DASHBOARD_ALLOW_URLS=1.")
url = st.text_input("Or a feed or page URL", key="upload_url", placeholder="https://example.org/rss",
                    disabled=not allow_urls, help=url_help)
if not allow_urls:
    st.caption("Fetching URLs is off here (set DASHBOARD_ALLOW_URLS=1 where the app runs to turn it on).")
with st.expander("CSV columns (optional)"):
    st.caption("For CSV files only (JSON files keep their own keys). Leave empty to use the usual names "
               "(text/body/content, title/headline, published/date), matched case-insensitively.")
    left, middle, right = st.columns(3)
    text_col = left.text_input("Text column", key="upload_text_col")
    title_col = middle.text_input("Title column", key="upload_title_col")
    date_col = right.text_input("Date column", key="upload_date_col")

url = (url or "").strip() if allow_urls else ""
if st.button("Build tables from these articles", type="primary", disabled=not files and not url):
    with st.status("Building your tables…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        outcome = upload.process(
            files or [], url or None, allow_private=allow_private,
            columns=Columns(text=text_col.strip() or None, title=title_col.strip() or None,
                            published=date_col.strip() or None),
            step=lambda fraction, text: bar.progress(min(max(fraction, 0.0), 1.0), text=text))
        upload.keep(st.session_state, outcome)
        if outcome.folder:
            filters.show_uploads()
        status.update(label=f"Built {outcome.articles} article{'s' * (outcome.articles != 1)}" if outcome.folder else "Nothing could be built",
                      state="complete" if outcome.folder else "error", expanded=False)

outcome = st.session_state.get(upload.RESULT)
mine = loaders.uploaded_dir()
if isinstance(outcome, upload.Outcome):
    st.subheader("Last upload")
    cols = st.columns(6)
    for col, (label, value) in zip(cols, outcome.summary().items(), strict=True):
        col.metric(label, value)
    if outcome.folder is None:
        st.warning("No article could be built from this upload."
                   + (" Your previous upload is still in use." if mine else ""))
    if len(outcome.problems):
        st.markdown(f"**Problems** ({len(outcome.problems)}): records skipped or kept with a note.")
        if len(outcome.problems) <= upload.PROBLEMS_IN_FULL:
            # Plain text that wraps, so each reason is read in full (a grid cuts
            # long cells, and st.table would read file names as Markdown).
            st.code(upload.problem_lines(outcome.problems), language=None, wrap_lines=True)
        else:  # a grid cuts long reasons; the download holds them whole
            st.dataframe(display.readable(outcome.problems), hide_index=True, width="stretch")
            st.download_button("Download every problem (CSV)", data=downloads.csv_bytes(outcome.problems),
                               file_name="upload-problems.csv", mime="text/csv", on_click="ignore")
    else:
        st.success("No problems: every record was read.")

if mine is not None:
    st.subheader("Which articles the pages show")
    filters.dataset(st.container(), True)
    st.caption("After an upload the pages show your articles; choose **sample** here (or in the sidebar of any "
               "page) to go back. Every page and every download follows this choice. Open any page in the "
               "sidebar to explore.")
else:
    st.info("Upload files and press **Build tables** to explore your own articles; until then every page shows "
            "the sample.")
