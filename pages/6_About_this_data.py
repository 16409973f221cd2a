"""About this data: where the articles come from, how the rows are made, how
often they are right, what the extractor misses, and how to check a number."""

from __future__ import annotations

import streamlit as st

from ui import about

st.set_page_config(page_title="About this data · Sanctions & alliances", page_icon="ℹ️", layout="wide")

st.title("About this data")
st.caption("How far each chart can be trusted, and how to check any number yourself.")

st.header("Where the articles come from")
st.markdown(
    "Unless you upload your own, the pages show the bundled sample: 264 short news briefs that the project's "
    "team wrote in its own words about real, public events from 2014 to early 2026 (sanctions on Russia, Iran, "
    "North Korea and others; NATO, AUKUS, BRICS and other alliances). Each brief names the event it reports, so "
    "it can be checked. It is a teaching set, not a complete record of the news: a country that appears often "
    "here is one the briefs were written about. Uploaded articles are read the same way and stay in your "
    "browser session.")

st.header("How the rows are made")
st.markdown(
    "Nothing here is typed in by hand: a program reads every article.\n\n"
    "1. **Countries and blocs.** Names, aliases (\"Türkiye\", \"the Kremlin\"), demonyms and capitals are looked "
    "up in lists kept with the project. Words that may mean something else (Georgia the US state, Jordan the "
    "person) are judged by the words around them; doubtful ones are set aside and shown only when you tick "
    "*Include ambiguous matches*.\n"
    "2. **Alliances and sanctions.** Rules look for wording such as \"signed a defence pact with\" or "
    "\"imposed sanctions on\" in a sentence, find the parties it names, and a scoring step fitted on annotated "
    "articles weighs each candidate. Each row keeps the sentence it came from, the rule that fired and its "
    "confidence.\n"
    "3. **Counts.** One article can say the same thing in its headline and in its text: charts count "
    "articles, and the evidence tables list every sentence.")

st.header("How often it is right")
table = about.accuracy()
if table.empty:
    st.info("The measured accuracy is in the project's README (section Accuracy).")
else:
    st.markdown(
        "Scored against people's annotations of real news excerpts: **check** is a set of 50 articles nobody "
        "tuned the extractor on (what to expect on your news); **dev** is the set of 96 it was fitted on. "
        "*Precision* is the share of rows found that are right; *recall* the share of the real facts that are "
        "found; *F1* combines the two.")
    st.dataframe(table, hide_index=True, column_config={
        "field": st.column_config.TextColumn("What is found", width="medium"),
        # Three decimals, as the README writes them.
        **{c: st.column_config.NumberColumn(c.replace("P", "precision").replace("R", "recall"), format="%.3f")
           for c in about.HEADER[1:]}})

st.header("What it misses")
st.markdown(
    "- **Countries and blocs** are found about as well as a careful reader finds them.\n"
    "- **Alliances**: about three in four pairs shown are right, and about half of the real pairs are found. "
    "Long lists of members, unusual wording and a pair named across two sentences are the usual misses.\n"
    "- **Sanctions**: the targets shown are mostly right, but about four in ten are missed, above all measures "
    "that never use the word \"sanctions\" and targets named through their companies or citizens. A sender is "
    "found for fewer than half of the targets (\"sender not named\" in the charts), and the action (imposed, "
    "threatened, lifted, evaded, in force) is the weakest field.\n"
    "- A chart of the sample shows what the briefs cover, not how often something happened in the world.")

st.header("How to check any number")
st.markdown(
    "- Every page ends with an **evidence** table: each row with the sentence it came from, the article's "
    "title and date, the rule and its confidence. Filter the sidebar to the number you doubt, and the table "
    "holds exactly the rows behind it (the CSV download too).\n"
    "- The **Articles** page shows a whole article with every country highlighted, beside the rows taken "
    "from it.\n"
    "- On your own machine, `python -m etl explain --article ID --input FILE` (or `--text \"...\"`) prints, "
    "sentence by sentence, what was found, which rule fired and every candidate the scoring step weighed.")
