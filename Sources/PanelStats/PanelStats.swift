// The umbrella module: `import PanelStats` brings in every layer.
@_exported import PanelStatsLinearAlgebra
@_exported import PanelStatsDistributions
@_exported import PanelStatsData
@_exported import PanelStatsRegression
@_exported import PanelStatsDescriptive
@_exported import PanelStatsReporting
