import PanelStats
print("panelstats: not yet implemented")
