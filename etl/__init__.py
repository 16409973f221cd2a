"""From news articles to tidy tables of countries, blocs, alliances and sanctions."""

from etl.compiled import activate

activate(__path__)  # mypyc-compiled hot modules first, if built from these very sources
