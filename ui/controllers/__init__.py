"""The main window's commands, one controller object per job, each created and owned by the
window (`ui/main_window.py`) and reached through it (`window.maps.delete_map(...)`):

- `workspace.py`  WorkspaceController: open, switch and close the workspace; the recent lists.
- `navigator.py`  MapNavigator: which map is on screen, its canvas and its view.
- `maps.py`       MapsController: new, rename, duplicate, delete and restore a map.
- `transfer.py`   TransferController: import, export, print.
- `modes.py`      ModesController: dot voting, presentation mode, theme, help.

A controller calls only public methods of the window and of the other controllers; when the
window has to show something a controller did, the controller says so with a signal.
"""
