"""Run Journeymap from a checkout: `python main.py …` is the same as `journeymap …`."""

from app.main import run

if __name__ == "__main__":
    run()
