"""Documents + Mentions -> the networkx graph, its scores, snapshots and exports."""
