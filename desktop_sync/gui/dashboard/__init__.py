"""The Dashboard tab: charts of the store's figures whose bars open what they count."""
