"""Documents + Mentions -> the networkx graph, its scores, the graph store and exports."""
