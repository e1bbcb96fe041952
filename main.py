"""Run Journeymap from a checkout: `python main.py …` is the same as `journeymap …`."""

from journeymap.cli import run

if __name__ == "__main__":
    run()
