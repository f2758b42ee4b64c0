"""The fake's Models API answers: every field of the SDK's ModelInfo, thinking types as the rules accept them."""

from __future__ import annotations

import typing
from typing import Any

import pydantic
import pytest
from anthropic.types import ModelInfo

from booty.demo import api_rules, model_info
from booty.demo.model_table import MODELS


def missing_keys(value: Any, model: type[pydantic.BaseModel], at: str = "") -> list[str]:
    """The fields of the SDK's type (and of its nested types) that ``value`` leaves out."""
    missing = []
    for name, field in model.model_fields.items():
        if name not in value:
            missing.append(at + name)
            continue
        kinds = [field.annotation, *typing.get_args(field.annotation)]
        nested = next((k for k in kinds if isinstance(k, type) and issubclass(k, pydantic.BaseModel)), None)
        if nested is not None and isinstance(value[name], dict):
            missing += missing_keys(value[name], nested, f"{at}{name}.")
    return missing


@pytest.mark.parametrize("model", sorted(MODELS))
def test_the_models_api_answers_every_field_of_the_sdks_model_info(model):
    info = model_info.retrieve(model)
    assert missing_keys(info, ModelInfo) == []
    assert (
        ModelInfo.model_validate(info).capabilities.thinking.types.model_dump().keys()
        == set(model_info.THINKING_TYPES)
        == set(api_rules._THINKING_TAGS)
    )
