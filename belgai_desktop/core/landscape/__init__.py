"""The governance landscape as a whole: how Belgium's bodies are organised by level
(the Government view), the graph of typed relations, its layered layout, the timeline
of dated facts and the regions side by side. Plain Python, no Qt."""
