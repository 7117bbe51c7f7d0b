"""The tabs of the «Анализ» page (`ui/views/analysis_view.py`), one widget per tab.

Each tab owns its widgets, its loader and its exports, and reads its data for
the year and rule profile the page hands it (`AnalysisScope`); the page keeps
only what the tabs share: the year, the profile and when each tab is read.
"""
