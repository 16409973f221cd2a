"""From news articles to tidy tables of countries, blocs, alliances and sanctions."""
