from pathlib import Path

from analytics.docs import render


def test_the_committed_data_contract_document_is_up_to_date():
    committed = (Path(__file__).resolve().parents[3] / "docs" / "data-contract.md").read_text()
    assert committed.strip() == render().strip(), (
        "run: python -m analytics.docs > docs/data-contract.md"
    )
