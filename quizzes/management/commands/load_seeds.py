from __future__ import annotations

from django.core.management.base import BaseCommand

from quizzes.seeding import DEMO_ACCOUNTS, load_seeds


class Command(BaseCommand):
    help = (
        "Load the seed article, its quiz and the demo accounts. Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        report = load_seeds()
        for item in report.created:
            self.stdout.write(f"created {item}")
        for item in report.kept:
            self.stdout.write(f"already there, left as it is: {item}")
        self.stdout.write("\nDemo accounts (development only, change them on a real server):")
        for username, account in DEMO_ACCOUNTS.items():
            self.stdout.write(f"  {username:8} / {account['password']}")
