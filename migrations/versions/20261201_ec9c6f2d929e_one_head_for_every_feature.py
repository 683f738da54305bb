"""One head for every feature: the feature branches of the first round meet here, and every
migration from now on revises the one head before it.

Revision ID: ec9c6f2d929e
Revises: 5e7a11d0b0c5, 5fc5a9ceb89a, 7a3e5c1d9b20, a4951b79717d, de84efe4eb62
Create Date: 2026-12-01 23:02:58.038912
"""

revision = "ec9c6f2d929e"
down_revision = ("5e7a11d0b0c5", "5fc5a9ceb89a", "7a3e5c1d9b20", "a4951b79717d", "de84efe4eb62")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
