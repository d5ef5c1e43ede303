"""The capability taxonomy: what a contingent brings besides a head count."""

from __future__ import annotations

from enum import StrEnum


class Capability(StrEnum):
    LAND_MANOEUVRE = "land_manoeuvre"
    HQ_C2 = "hq_c2"
    INTELLIGENCE = "intelligence"
    AIR_SURVEILLANCE = "air_surveillance"
    AIR_DEFENCE = "air_defence"
    COMBAT_AIR = "combat_air"
    NAVAL_MCM = "naval_mcm"
    LOGISTICS = "logistics"
    MEDICAL = "medical"
    ENGINEERING = "engineering"
    TRAINING = "training"
    CYBER_EW = "cyber_ew"

    @property
    def label(self) -> str:
        return CAPABILITY_LABELS[self]


CAPABILITY_LABELS: dict[Capability, str] = {
    Capability.LAND_MANOEUVRE: "Land manoeuvre",
    Capability.HQ_C2: "Headquarters / command and control",
    Capability.INTELLIGENCE: "Intelligence",
    Capability.AIR_SURVEILLANCE: "Air surveillance",
    Capability.AIR_DEFENCE: "Air defence",
    Capability.COMBAT_AIR: "Combat air / air policing",
    Capability.NAVAL_MCM: "Naval / mine countermeasures",
    Capability.LOGISTICS: "Logistics",
    Capability.MEDICAL: "Medical",
    Capability.ENGINEERING: "Engineering",
    Capability.TRAINING: "Training",
    Capability.CYBER_EW: "Cyber / electronic warfare",
}
