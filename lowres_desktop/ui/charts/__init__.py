"""pyqtgraph widgets drawn from plain series that the services compute."""
